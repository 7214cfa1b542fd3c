//! `gongkai bench http`: the public pages over loopback HTTP, beside nginx.
//!
//! A data set of generated documents (100 000 by default, as `bench docs`; kept and
//! reused with `--keep DIR`) and, with `--laws DIR`, imported laws; the real server
//! (`serve`, this executable as a child process, so it shares no runtime with the
//! load driver) on a free loopback port; then, per page type, N keep-alive
//! connections driven for a fixed time: document pages (random ids, and one page),
//! list pages (random pages, and filtered by 体裁 and year), search (a cycle of
//! queries), law pages; then all of them mixed with a trickle of writes (依申请公开
//! applications and 网民留言 through the public API). When nginx is installed, the
//! bytes of one document page and of one list page, saved from gongkai, are served
//! by an nginx child process and driven the same way in the same run, for the
//! ratios against the goals. At the end: the server's resident memory, and the cold
//! start of a second server on the same data (index opened, not rebuilt).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;

use super::Rng;
use crate::db::Db;

/// Options of `gongkai bench http`.
pub struct HttpOptions {
    pub count: usize,
    /// Seconds of load per page type (and for the mixed phase).
    pub seconds: u64,
    /// Concurrent keep-alive connections.
    pub connections: usize,
    /// Keep the data set here and reuse it on the next run.
    pub keep: Option<PathBuf>,
    /// A laws folder (markdown) to import into the data set.
    pub laws: Option<PathBuf>,
    /// Writes per second during the mixed phase.
    pub writes_per_second: f64,
    /// Leave nginx out even when it is installed.
    pub no_nginx: bool,
}

mod procs;
mod report;
#[cfg(test)]
mod tests;
mod workload;

use procs::*;
pub use report::*;
pub use workload::*;

/// `gongkai bench http`.
pub async fn http(opts: HttpOptions) -> anyhow::Result<()> {
    anyhow::ensure!(opts.count > 0, "--count 至少为 1");
    anyhow::ensure!(opts.connections > 0, "--connections 至少为 1");
    let dir = match &opts.keep {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            d.clone()
        }
        None => super::tempfile_dir()?,
    };
    let run_dir = super::tempfile_dir()?;
    let result = run(&opts, &dir, &run_dir).await;
    if opts.keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    match &result {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&run_dir);
        }
        Err(_) => eprintln!("（服务日志保留在 {}）", run_dir.display()),
    }
    result
}

async fn run(opts: &HttpOptions, dir: &Path, run_dir: &Path) -> anyhow::Result<()> {
    let set = Arc::new(prepare(opts, dir).await?);
    let w = &set.workload;
    let nginx_bin = if opts.no_nginx { None } else { find_nginx() };
    println!(
        "gongkai bench http — {} 件已发布文件，{} 部法规，SQLite；{} 个长连接，每类 {} 秒；回环地址，服务为独立子进程；nginx：{}",
        w.doc_ids.len(),
        w.law_ids.len(),
        opts.connections,
        opts.seconds,
        nginx_bin
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "未用".into())
    );
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let (mut server, ready) = Server::start(&set, dir, port, run_dir.join("serve-1.log")).await?;
    let index = wait_for_index(&base, &mut server).await?;
    println!(
        "服务启动：{:.2} 秒到 /readyz；搜索索引可答再用 {:.1} 秒{}",
        ready.as_secs_f64(),
        index.as_secs_f64(),
        if server.log_has("search index built") {
            "（本次新建索引）"
        } else {
            "（索引沿用）"
        }
    );
    let dur = Duration::from_secs(opts.seconds.max(1));
    let conns = opts.connections;
    header();
    let mut rows: Vec<Row> = Vec::new();
    let mut search_p99 = (0.0, 0.0);
    let mut doc_rate = 0.0;
    let mut list_rate = 0.0;
    for page in w.pages() {
        let s = set.clone();
        let (mut h, elapsed) = drive(
            &base,
            conns,
            dur,
            1,
            Arc::new(move |rng, n| (0, s.workload.path(page, rng, n))),
        )
        .await?;
        let mut row = Row {
            name: page.label().to_string(),
            hist: h.remove(0),
            elapsed,
        };
        row.print();
        match page {
            Page::Search => search_p99.0 = row.hist.percentile_ms(0.99),
            Page::SearchNew => search_p99.1 = row.hist.percentile_ms(0.99),
            Page::Document => doc_rate = row.rate(),
            Page::List => list_rate = row.rate(),
            _ => {}
        }
        rows.push(row);
    }
    // Document pages at random ids for one visitor at a time: the latency of a page
    // without the queue of 32 connections on two cores.
    let s = set.clone();
    let (mut h, elapsed) = drive(
        &base,
        1,
        dur,
        1,
        Arc::new(move |rng, n| (0, s.workload.path(Page::Document, rng, n))),
    )
    .await?;
    let mut alone = Row {
        name: "文件页（随机 id，单连接）".to_string(),
        hist: h.remove(0),
        elapsed,
    };
    alone.print();
    let doc_alone_p99 =
        (alone.hist.count() > 0 && alone.hist.errors == 0).then(|| alone.hist.percentile_ms(0.99));
    rows.push(alone);
    // One document page and the first list page: what nginx serves beside them.
    let one_doc = format!("/xxgk/documents/{}", w.doc_ids[0]);
    let c = client(1)?;
    let doc_bytes = c
        .get(format!("{base}{one_doc}"))
        .send()
        .await?
        .bytes()
        .await?;
    let list_bytes = c
        .get(format!("{base}/xxgk/proactive"))
        .send()
        .await?
        .bytes()
        .await?;
    let mut one = Vec::new();
    for (name, path) in [
        ("文件页（同一页）", one_doc.clone()),
        ("列表页（第 1 页）", "/xxgk/proactive".to_string()),
    ] {
        let p = path.clone();
        let (mut h, elapsed) =
            drive(&base, conns, dur, 1, Arc::new(move |_, _| (0, p.clone()))).await?;
        let mut row = Row {
            name: name.to_string(),
            hist: h.remove(0),
            elapsed,
        };
        row.print();
        one.push(row.rate());
        rows.push(row);
    }
    // nginx on the same bytes.
    let mut ratios: Option<(f64, f64, f64, f64)> = None;
    if let Some(bin) = nginx_bin {
        let prefix = run_dir.join("nginx");
        std::fs::create_dir_all(prefix.join("www"))?;
        std::fs::write(prefix.join("www/document.html"), &doc_bytes)?;
        std::fs::write(prefix.join("www/list.html"), &list_bytes)?;
        let nport = free_port()?;
        match Nginx::start(bin, prefix, nport).await {
            Ok(ng) => {
                let nbase = format!("http://127.0.0.1:{nport}");
                let mut rates = Vec::new();
                for (name, file, len) in [
                    ("nginx 同一文件页字节", "/document.html", doc_bytes.len()),
                    ("nginx 同一列表页字节", "/list.html", list_bytes.len()),
                ] {
                    let (mut h, elapsed) = drive(
                        &nbase,
                        conns,
                        dur,
                        1,
                        Arc::new(move |_, _| (0, file.to_string())),
                    )
                    .await?;
                    let mut row = Row {
                        name: format!("{name}（{:.1} kB）", len as f64 / 1024.0),
                        hist: h.remove(0),
                        elapsed,
                    };
                    row.print();
                    rates.push(row.rate());
                    rows.push(row);
                }
                ng.stop().await;
                let (nd, nl) = (rates[0].max(1e-9), rates[1].max(1e-9));
                ratios = Some((doc_rate / nd, one[0] / nd, list_rate / nl, one[1] / nl));
            }
            Err(e) => println!("nginx 未能启动，不比较：{e:#}"),
        }
    }
    // Everything mixed, with the write trickle.
    let mix = w.mix();
    println!(
        "混合读（{}）＋ 写入 {} 件/秒（依申请公开申请、网民留言交替，经公开 API）：",
        mix.iter()
            .map(|(p, wt)| format!("{} {wt}%", p.short()))
            .collect::<Vec<_>>()
            .join("、"),
        opts.writes_per_second
    );
    let stop = Arc::new(AtomicBool::new(false));
    let writer = (opts.writes_per_second > 0.0).then(|| {
        tokio::spawn(trickle(
            base.clone(),
            set.unit,
            opts.writes_per_second,
            stop.clone(),
        ))
    });
    let s = set.clone();
    let kinds = mix.iter().map(|(p, _)| *p).collect::<Vec<_>>();
    let mix2 = mix.clone();
    let kinds2 = kinds.clone();
    let (hists, elapsed) = drive(
        &base,
        conns,
        dur,
        kinds.len(),
        Arc::new(move |rng, n| {
            let p = pick(&mix2, rng);
            let row = kinds2.iter().position(|k| *k == p).unwrap_or(0);
            (row, s.workload.path(p, rng, n))
        }),
    )
    .await?;
    stop.store(true, Ordering::SeqCst);
    let mut total = Histogram::default();
    for (p, h) in kinds.iter().zip(hists) {
        let mut row = Row {
            name: format!("  混合·{}", p.label()),
            hist: h,
            elapsed,
        };
        row.print();
        total.merge(row.hist.clone());
    }
    Row {
        name: "  混合·合计".into(),
        hist: total,
        elapsed,
    }
    .print();
    if let Some(wr) = writer {
        let mut row = Row {
            name: "  混合·写入".into(),
            hist: wr.await??,
            elapsed,
        };
        row.print();
    }
    println!("对照目标：");
    for l in goal_lines(
        ratios.map(|r| r.0),
        ratios.map(|r| r.2),
        search_p99,
        doc_alone_p99,
    ) {
        println!("  {l}");
    }
    if let Some((_, doc_one, _, list_one)) = ratios {
        println!(
            "  （同一页反复请求：文件页 ÷ nginx = {doc_one:.2}，列表第 1 页 ÷ nginx = {list_one:.2}）"
        );
    }
    let m = server.memory();
    println!(
        "服务内存：VmRSS {:.0} MB（运行后；其中匿名 {:.0} MB，映射文件 {:.0} MB：搜索索引 {:.0} MB、程序文件本身 {:.0} MB、其他 {:.0} MB），峰值 VmHWM {:.0} MB",
        m.rss,
        m.anon,
        m.file,
        m.index,
        m.exe,
        (m.file - m.index - m.exe).max(0.0),
        m.hwm
    );
    if let Some((pages, bytes)) = page_cache_of(&base).await {
        println!(
            "  其中页面缓存：{pages:.0} 页，计 {:.1} MB（上限 cache.page_cache_bytes，默认 64 MB；页面第二次被请求才保存）",
            bytes / 1_048_576.0
        );
    }
    server.stop().await?;
    // A second start on the same data: the index is opened, not rebuilt.
    let (mut second, cold) = Server::start(&set, dir, port, run_dir.join("serve-2.log")).await?;
    let answer = wait_for_index(&base, &mut second).await?;
    println!(
        "冷启动：{:.3} 秒到 /readyz（已有数据目录），再 {:.3} 秒搜索可答；索引{}",
        cold.as_secs_f64(),
        answer.as_secs_f64(),
        if second.log_has("search index built") {
            "被重建"
        } else {
            "直接打开，未重建"
        }
    );
    let m2 = second.memory();
    println!(
        "冷启动后内存：VmRSS {:.0} MB（匿名 {:.0} MB，程序文件 {:.0} MB，搜索索引 {:.0} MB）",
        m2.rss, m2.anon, m2.exe, m2.index
    );
    second.stop().await?;
    Ok(())
}

/// The page cache's pages and bytes, as the server's `/metrics` reports them.
async fn page_cache_of(base: &str) -> Option<(f64, f64)> {
    let text = client(1)
        .ok()?
        .get(format!("{base}/metrics"))
        .send()
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    let gauge = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
    };
    Some((
        gauge("gongkai_page_cache_pages")?,
        gauge("gongkai_page_cache_bytes")?,
    ))
}
