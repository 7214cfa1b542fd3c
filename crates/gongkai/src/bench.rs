//! `gongkai bench docs`: document-page and list-page latency with a large generated
//! document set (default 100 000), in a fresh database, through the real router
//! (in process: no network), on SQLite or on PostgreSQL with `--database-url`.

use std::time::{Duration, Instant};

use anyhow::Context;
use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt;

use crate::app::AppState;
use crate::config::Settings;
use crate::db::Db;
use crate::docs::model::{DocState, Genre};
use crate::docs::store::{self, DocInput};

pub struct Options {
    pub count: usize,
    pub requests: usize,
    pub database_url: Option<String>,
}

struct Stats {
    name: &'static str,
    samples: Vec<Duration>,
}

impl Stats {
    fn pct(&self, p: f64) -> f64 {
        let mut v = self.samples.clone();
        v.sort_unstable();
        let i = ((v.len() as f64 - 1.0) * p).round() as usize;
        v.get(i).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
    }
}

/// Deterministic pseudo-random numbers (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PHRASES: [&str; 8] = [
    "为进一步规范城市管理执法行为，加强占道经营、违法建筑和非法小广告的治理，",
    "各区城管执法局要按照“双随机、一公开”的要求，合理确定随机抽查的比例和频次，",
    "依法及时公开行政处罚案件信息，接受社会监督，保障人民群众的知情权、参与权和监督权。",
    "本办法所称行政规范性文件，是指除规章以外，由行政机关依照法定权限和程序制定并公开发布的文件。",
    "对市民群众反映强烈的夜排档、工地噪声扰民、垃圾清理等问题，要快速响应、有效解决。",
    "政策解读材料应当与政策文件同步起草、同步审签、同步发布。",
    "本通知自印发之日起施行，有效期五年。",
    "各单位要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。",
];

async fn generate(db: &Db, n: usize) -> anyhow::Result<Vec<i64>> {
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
    let dir = tempfile_dir()?;
    let mut settings = Settings::default();
    settings.storage.data_dir = dir.clone();
    settings.jobs.run_in_server = false;
    if let Some(u) = &opts.database_url {
        settings.database.url = u.clone();
    }
    let db = Db::connect(&settings.database_url(), 8).await?;
    db.migrate().await?;
    let existing: i64 = crate::with_db!(&db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM documents"
    )
    .fetch_one(p)
    .await)?;
    anyhow::ensure!(
        existing == 0,
        "基准测试需要一个空数据库（当前已有 {existing} 件文件）"
    );
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

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "gongkai-bench-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp()
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// `gongkai bench foi`: the heaviest 依申请公开 reads with many cases — the deadline
/// dashboard (every open case's log replayed), table 三 of a year, one case's clock
/// — and the rate of appending events through the checked, audited path.
pub async fn foi(opts: Options) -> anyhow::Result<()> {
    use crate::foi::clock::{Event, Party};
    use crate::foi::model::{
        ApplicantKind, Channel, DeliveryForm, DeliveryMethod, IdKind, Outcome,
    };
    let dir = tempfile_dir()?;
    let mut settings = Settings::default();
    settings.storage.data_dir = dir.clone();
    settings.jobs.run_in_server = false;
    if let Some(u) = &opts.database_url {
        settings.database.url = u.clone();
    }
    let db = Db::connect(&settings.database_url(), 8).await?;
    db.migrate().await?;
    let existing: i64 = crate::with_db!(&db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM foi_cases"
    )
    .fetch_one(p)
    .await)?;
    anyhow::ensure!(
        existing == 0,
        "基准测试需要一个空数据库（当前已有 {existing} 件申请）"
    );
    let mut tx = db.begin().await?;
    let unit = crate::auth::store::create_unit(
        &mut tx,
        &crate::auth::store::UnitInput {
            name: "基准测试机关",
            kind: crate::auth::roles::UnitKind::Other,
            parent_id: None,
            code: None,
            sort_order: 0,
            active: true,
        },
    )
    .await?;
    tx.commit().await?;
    let state = AppState::new(settings, db.clone());
    crate::workdays::reload(&state).await?;
    let cal = state.calendar.get();
    let actor = crate::audit::Actor::cli();
    let today = crate::clock::today();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let outcomes: Vec<Outcome> = Outcome::replies().filter(|o| !o.needs_ground()).collect();
    eprintln!(
        "数据库：{}；生成 {} 件申请…",
        db.backend().name(),
        opts.count
    );
    let t = Instant::now();
    let mut events = 0usize;
    let mut ids = Vec::with_capacity(opts.count);
    for i in 0..opts.count {
        // Received on a working day within the last ~300 working days.
        let mut on = today;
        for _ in 0..(1 + rng.below(300)) {
            on = on.pred_opt().context("date")?;
            while !cal.is_workday(on).unwrap_or(true) {
                on = on.pred_opt().context("date")?;
            }
        }
        let natural = rng.below(3) > 0;
        let c = crate::foi::input::NewCase {
            unit_id: unit,
            channel: Channel::InPerson,
            applicant_kind: if natural {
                ApplicantKind::Natural
            } else {
                ApplicantKind::ALL[1 + rng.below(5)]
            },
            applicant_name: format!("申请人{i}"),
            id_kind: if natural {
                IdKind::IdCard
            } else {
                IdKind::CreditCode
            },
            id_number: if natural {
                crate::ids::id_card_with_check(&format!("310101198001{:05}", i % 100_000))
                    .unwrap_or_default()
            } else {
                crate::ids::credit_code_with_check(&format!("91310000{:09}", i)).unwrap_or_default()
            },
            legal_rep: String::new(),
            contact_name: String::new(),
            phone: "021-00000000".into(),
            email: String::new(),
            address: "上海市".into(),
            postcode: String::new(),
            info_title: String::new(),
            info_doc_no: String::new(),
            info_description: PHRASES[rng.below(PHRASES.len())].into(),
            purpose: String::new(),
            delivery_form: DeliveryForm::Paper,
            delivery_method: DeliveryMethod::Post,
            arrived_on: on,
        };
        let id = store_case(&db, &c, &actor).await?;
        events += 1;
        ids.push(id);
        let step = |d: chrono::NaiveDate, n: u32| cal.add_workdays(d, n).map(|x| x.min(today));
        let row = crate::foi::store::get(&db, id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut at = on;
        if rng.below(4) == 0 {
            at = step(at, 2)?;
            crate::foi::store::append(
                &db,
                &cal,
                &row,
                at,
                Event::ConsultationStarted {
                    party: Party::ThirdParty,
                    name: "第三方".into(),
                },
                &actor,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            events += 1;
            let answer = step(at, 1 + rng.below(10) as u32)?;
            if answer > at {
                crate::foi::store::append(
                    &db,
                    &cal,
                    &row,
                    answer,
                    Event::ConsultationAnswered {
                        consultation: 2,
                        objects: false,
                        opinion: String::new(),
                    },
                    &actor,
                )
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
                events += 1;
                at = answer;
            }
        }
        // Most older cases are answered and closed; recent ones stay open.
        let reply = step(at, 1 + rng.below(25) as u32)?;
        if reply < today && rng.below(5) > 0 {
            let o = outcomes[rng.below(outcomes.len())];
            let done = crate::foi::store::append(
                &db,
                &cal,
                &row,
                reply,
                Event::Replied {
                    outcome: o.code().into(),
                    ground: None,
                    note: String::new(),
                },
                &actor,
            )
            .await;
            if done.is_ok() {
                events += 1;
                crate::foi::store::append(&db, &cal, &row, reply, Event::Closed, &actor)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                events += 1;
            }
        }
    }
    let gen_secs = t.elapsed().as_secs_f64();
    let open = crate::foi::store::open_cases(&db, None).await?.len();
    let mut stats = vec![
        Stats {
            name: "工作台：全部未结申请的期限",
            samples: Vec::new(),
        },
        Stats {
            name: "年度报告表三（本年）",
            samples: Vec::new(),
        },
        Stats {
            name: "单件申请：事件重放与期限算式",
            samples: Vec::new(),
        },
    ];
    let year = chrono::Datelike::year(&today);
    for _ in 0..opts.requests.clamp(1, 50) {
        let t = Instant::now();
        let cases = crate::foi::store::open_cases(&db, None).await?;
        let ids: Vec<i64> = cases.iter().map(|c| c.id).collect();
        let logs = crate::foi::store::events_of(&db, &ids).await?;
        let mut due = 0;
        for c in &cases {
            let log = logs.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
            if let Ok(k) = crate::foi::clock::replay(&cal, c.channel(), log)
                && k.days_left(&cal, today).is_some_and(|n| n <= 5)
            {
                due += 1;
            }
        }
        std::hint::black_box(due);
        stats[0].samples.push(t.elapsed());
        let t = Instant::now();
        let facts = crate::foi::store::report_facts(&db, year).await?;
        std::hint::black_box(crate::foi::report::table_three(year, &facts));
        stats[1].samples.push(t.elapsed());
    }
    for _ in 0..opts.requests {
        let id = ids[rng.below(ids.len())];
        let t = Instant::now();
        let case = crate::foi::store::get(&db, id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let l = crate::foi::service::load(&state, case)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        std::hint::black_box(crate::foi::service::deadline_view(&state, &l.clock));
        stats[2].samples.push(t.elapsed());
    }
    println!(
        "gongkai bench foi — {} 件申请（未结 {open} 件），{}",
        opts.count,
        db.backend().name()
    );
    println!(
        "生成：{} 个事件，{gen_secs:.1} 秒（{:.0} 个事件/秒，经校验、审计的写入路径）",
        events,
        events as f64 / gen_secs
    );
    println!(
        "{:<30} {:>6} {:>9} {:>9} {:>9}",
        "操作", "次数", "p50 ms", "p99 ms", "max ms"
    );
    for s in &stats {
        println!(
            "{:<30} {:>6} {:>9.2} {:>9.2} {:>9.2}",
            s.name,
            s.samples.len(),
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

async fn store_case(
    db: &Db,
    c: &crate::foi::input::NewCase,
    actor: &crate::audit::Actor,
) -> anyhow::Result<i64> {
    Ok(crate::foi::store::create(db, c, None, actor)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .id)
}
