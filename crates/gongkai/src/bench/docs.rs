//! `gongkai bench docs`: document-page and list-page latency with a large generated
//! document set (default 100 000), in a fresh database, through the real router
//! (in process: no network), on SQLite or on PostgreSQL with `--database-url`.

use std::time::{Duration, Instant};

use anyhow::Context;
use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt;

use super::{Options, PHRASES, Rng, Stats};
use crate::db::Db;
use crate::docs::model::{DocState, Genre};
use crate::docs::store::{self, DocInput};
use crate::state::AppState;

/// Generate `n` published documents (deterministic), as `bench docs` and `bench http` use.
pub(super) async fn generate(db: &Db, n: usize) -> anyhow::Result<Vec<i64>> {
    store::seed_topics(db).await?;
    let topics = store::topics(db).await?;
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let issuers = [
        "上海市城市管理行政执法局",
        "黄浦区城管执法局",
        "徐汇区城管执法局",
        "浦东新区城管执法局",
        "上海市人民政府",
    ];
    let mut ids = Vec::with_capacity(n);
    let started = Instant::now();
    for chunk in 0..n.div_ceil(1000) {
        let mut tx = db.begin().await?;
        for i in chunk * 1000..((chunk + 1) * 1000).min(n) {
            let year = 2005 + (i % 21) as i32;
            let written =
                chrono::NaiveDate::from_ymd_opt(year, 1 + (i % 12) as u32, 1 + (i % 28) as u32)
                    .context("date")?;
            let genre = Genre::ALL[rng.below(Genre::ALL.len())];
            let body: String = (0..20)
                .map(|_| PHRASES[rng.below(PHRASES.len())])
                .collect::<Vec<_>>()
                .join("\n");
            let normative = i % 7 == 0;
            let input = DocInput {
                title: format!(
                    "关于{}的{}（第{i}号）",
                    [
                        "加强占道经营治理",
                        "规范行政处罚公开",
                        "开展随机抽查",
                        "推进政务公开"
                    ][i % 4],
                    genre.label()
                ),
                issuer_name: issuers[i % issuers.len()].into(),
                disclosure: "proactive".into(),
                doc_no: Some(format!("沪城管执〔{year}〕{}号", i % 900 + 1)),
                written_on: Some(written),
                published_on: written.checked_add_days(chrono::Days::new(10)),
                genre: genre.code().into(),
                topic_id: topics.get(rng.below(topics.len())).map(|t| t.id),
                column_kind: "general".into(),
                normative,
                effective_on: normative.then_some(written),
                valid_until: normative.then(|| crate::docs::model::period_end(written, 5)),
                body,
                ..Default::default()
            };
            let index = format!("BENCH{:05}/{year}-{:05}", i / 99_999, i % 99_999 + 1);
            let id = store::create(&mut tx, &input, &index, None, DocState::Review).await?;
            ids.push(id);
        }
        crate::with_tx!(&mut tx, |c| sqlx::query(
            "UPDATE documents SET state = 'published' WHERE state = 'review'"
        )
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected()))?;
        tx.commit().await?;
        if chunk % 10 == 9 {
            eprintln!(
                "  已生成 {} / {n} 件（{:.0} 件/秒）",
                ids.len(),
                ids.len() as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(ids)
}

async fn timed(app: &axum::Router, uri: &str) -> anyhow::Result<Duration> {
    let start = Instant::now();
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty())?)
        .await?;
    let status = res.status();
    let _ = axum::body::to_bytes(res.into_body(), usize::MAX).await?;
    let took = start.elapsed();
    anyhow::ensure!(status.is_success(), "{uri} → {status}");
    Ok(took)
}

pub async fn docs(opts: Options) -> anyhow::Result<()> {
    let (dir, settings, db) = super::empty_database(&opts, "documents", "文件").await?;
    eprintln!(
        "数据库：{}；生成 {} 件文件…",
        db.backend().name(),
        opts.count
    );
    let t = Instant::now();
    let ids = generate(&db, opts.count).await?;
    let gen_secs = t.elapsed().as_secs_f64();
    // As autovacuum would have done on a live database: statistics, and on
    // PostgreSQL the visibility map that lets counts use the index alone.
    let maintenance = match db.backend() {
        crate::db::Backend::Sqlite => "ANALYZE",
        crate::db::Backend::Postgres => "VACUUM ANALYZE documents",
    };
    crate::with_db!(&db, |p| sqlx::query(maintenance)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
    let state = AppState::new(settings, db.clone());
    let app = crate::app::router(state);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let pages = opts.count.div_ceil(20).max(1);
    // Warm up.
    for _ in 0..50 {
        timed(
            &app,
            &format!("/xxgk/documents/{}", ids[rng.below(ids.len())]),
        )
        .await?;
    }
    let mut stats = vec![
        Stats {
            name: "文件页 /xxgk/documents/{id}",
            samples: Vec::new(),
        },
        Stats {
            name: "列表页 /xxgk/proactive?page=N",
            samples: Vec::new(),
        },
        Stats {
            name: "筛选列表 ?year&genre&validity",
            samples: Vec::new(),
        },
        Stats {
            name: "API /api/v1/documents?page=N",
            samples: Vec::new(),
        },
    ];
    for _ in 0..opts.requests {
        let id = ids[rng.below(ids.len())];
        stats[0]
            .samples
            .push(timed(&app, &format!("/xxgk/documents/{id}")).await?);
        let page = 1 + rng.below(pages.min(500));
        stats[1]
            .samples
            .push(timed(&app, &format!("/xxgk/proactive?page={page}")).await?);
        let year = 2005 + rng.below(21);
        let genre = Genre::ALL[rng.below(Genre::ALL.len())].code();
        stats[2].samples.push(
            timed(
                &app,
                &format!("/xxgk/proactive?year={year}&genre={genre}&validity=expired"),
            )
            .await?,
        );
        stats[3]
            .samples
            .push(timed(&app, &format!("/api/v1/documents?page={page}")).await?);
    }
    println!(
        "gongkai bench docs — {} 件文件，{}，每类 {} 次请求（进程内，不含网络）",
        opts.count,
        db.backend().name(),
        opts.requests
    );
    println!(
        "生成：{gen_secs:.1} 秒（{:.0} 件/秒）",
        opts.count as f64 / gen_secs
    );
    println!(
        "{:<34} {:>9} {:>9} {:>9}",
        "请求", "p50 ms", "p99 ms", "max ms"
    );
    for s in &stats {
        println!(
            "{:<34} {:>9.2} {:>9.2} {:>9.2}",
            s.name,
            s.pct(0.5),
            s.pct(0.99),
            s.pct(1.0)
        );
    }
    db.close().await;
    if opts.database_url.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}
