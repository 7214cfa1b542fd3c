//! `gongkai bench docs`: document-page and list-page latency with a large generated
//! document set (default 100 000), in a fresh database, through the real router
//! (in process: no network), on SQLite or on PostgreSQL with `--database-url`.

use std::time::{Duration, Instant};

use anyhow::Context;
use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt;

use crate::config::Settings;
use crate::db::Db;
use crate::docs::model::{DocState, Genre};
use crate::docs::store::{self, DocInput};
use crate::state::AppState;

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
    let cal = crate::workdays::calendar(&state);
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

/// One judged query of `gongkai bench search`: what a user types, what kind of query
/// it is, and the judgment — an article is relevant when its text (title, 条号 and
/// body, folded) contains, for every group, at least one of the group's terms. The
/// criteria are written per query by reading what the person wants (so 摆摊 is judged
/// by 设摊/摊点 …, a typo by the word meant), then applied to every article.
pub struct Judged {
    pub query: &'static str,
    pub class: &'static str,
    pub all_of: &'static [&'static [&'static str]],
}

const STALL: &[&str] = &[
    "占道经营",
    "占用道路",
    "占用城市道路",
    "设摊",
    "摆摊",
    "摊点",
    "摊贩",
    "摊位",
];
const ILLEGAL_BUILDING: &[&str] = &["违法建筑", "违章建筑", "违法建设", "违法搭建", "擅自搭建"];
const CONSTRUCTION_WASTE: &[&str] = &["建筑垃圾", "渣土", "工程渣土"];

/// The judged queries: keywords, citizen questions, colloquial words, typos and variants.
pub const SEARCH_QUERIES: &[Judged] = &[
    Judged {
        query: "占道经营",
        class: "关键词",
        all_of: &[STALL, &["经营", "设摊", "摆摊", "摊"]],
    },
    Judged {
        query: "违法建筑",
        class: "关键词",
        all_of: &[ILLEGAL_BUILDING],
    },
    Judged {
        query: "户外广告",
        class: "关键词",
        all_of: &[&["户外广告"]],
    },
    Judged {
        query: "建筑垃圾",
        class: "关键词",
        all_of: &[CONSTRUCTION_WASTE],
    },
    Judged {
        query: "行政处罚 听证",
        class: "关键词",
        all_of: &[&["听证"], &["处罚"]],
    },
    Judged {
        query: "政府信息公开",
        class: "关键词",
        all_of: &[&["政府信息公开", "公开政府信息"]],
    },
    Judged {
        query: "依申请公开",
        class: "关键词",
        all_of: &[&["申请"], &["政府信息"], &["公开"]],
    },
    Judged {
        query: "行政复议期限",
        class: "关键词",
        all_of: &[&["复议"], &["日内", "期限", "之日起"]],
    },
    Judged {
        query: "没收违法所得",
        class: "关键词",
        all_of: &[&["没收违法所得"]],
    },
    Judged {
        query: "责令限期改正",
        class: "关键词",
        all_of: &[&["责令限期改正", "责令限期整改", "限期改正"]],
    },
    Judged {
        query: "夜间施工噪声",
        class: "关键词",
        all_of: &[&["噪声"], &["夜间"], &["施工"]],
    },
    Judged {
        query: "市容环境卫生",
        class: "关键词",
        all_of: &[&["市容"], &["卫生"]],
    },
    Judged {
        query: "垃圾分类",
        class: "关键词",
        all_of: &[&["垃圾分类", "分类投放", "分类收集"]],
    },
    Judged {
        query: "执法证件",
        class: "关键词",
        all_of: &[&["执法证", "证件"], &["执法"]],
    },
    Judged {
        query: "城市绿化",
        class: "关键词",
        all_of: &[&["绿化", "绿地"]],
    },
    Judged {
        query: "双随机一公开",
        class: "关键词",
        all_of: &[&["随机抽取", "随机抽查", "双随机"]],
    },
    Judged {
        query: "强制拆除",
        class: "关键词",
        all_of: &[
            &["拆除"],
            &["违法建筑", "违法建设", "违章", "建筑物", "构筑物", "设施"],
        ],
    },
    Judged {
        query: "罚款",
        class: "关键词",
        all_of: &[&["罚款"]],
    },
    Judged {
        query: "查封 扣押",
        class: "关键词",
        all_of: &[&["查封", "扣押"]],
    },
    Judged {
        query: "当事人陈述申辩",
        class: "关键词",
        all_of: &[&["陈述"], &["申辩"]],
    },
    Judged {
        query: "在路边摆摊会被罚款吗",
        class: "市民问句",
        all_of: &[STALL, &["罚款"]],
    },
    Judged {
        query: "邻居违建怎么举报",
        class: "市民问句",
        all_of: &[ILLEGAL_BUILDING, &["举报", "投诉", "检举"]],
    },
    Judged {
        query: "晚上工地施工太吵怎么办",
        class: "市民问句",
        all_of: &[&["噪声"], &["夜间", "二十二时", "22时"], &["施工"]],
    },
    Judged {
        query: "被城管罚款不服怎么办",
        class: "市民问句",
        all_of: &[&["不服"], &["复议", "诉讼"]],
    },
    Judged {
        query: "申请政府信息公开多久答复",
        class: "市民问句",
        all_of: &[&["政府信息"], &["答复"], &["工作日", "日内"]],
    },
    Judged {
        query: "店门口乱堆放物品违法吗",
        class: "市民问句",
        all_of: &[&["堆放", "堆积"], &["门前", "店外", "沿街", "道路"]],
    },
    Judged {
        query: "渣土车撒漏怎么处罚",
        class: "市民问句",
        all_of: &[
            &["建筑垃圾", "渣土", "散体", "泥土", "砂石"],
            &["撒漏", "遗撒", "抛洒", "洒漏", "泄漏"],
        ],
    },
    Judged {
        query: "饭店油烟扰民向哪里投诉",
        class: "市民问句",
        all_of: &[&["油烟"], &["餐饮", "饮食", "饭店"]],
    },
    Judged {
        query: "乱贴小广告罚多少钱",
        class: "市民问句",
        all_of: &[&["张贴", "涂写", "刻画", "散发", "小广告"], &["罚款"]],
    },
    Judged {
        query: "执法人员检查时要出示证件吗",
        class: "市民问句",
        all_of: &[&["出示"], &["证件", "执法证"]],
    },
    Judged {
        query: "违建",
        class: "口语",
        all_of: &[ILLEGAL_BUILDING],
    },
    Judged {
        query: "摆摊",
        class: "口语",
        all_of: &[&["设摊", "摆摊", "摊点", "摊贩", "摊位"]],
    },
    Judged {
        query: "城管",
        class: "口语",
        all_of: &[&["城市管理", "城管"]],
    },
    Judged {
        query: "小广告",
        class: "口语",
        all_of: &[&["小广告", "张贴", "散发"], &["广告", "宣传品"]],
    },
    Judged {
        query: "渣土",
        class: "口语",
        all_of: &[CONSTRUCTION_WASTE],
    },
    Judged {
        query: "乱搭建",
        class: "口语",
        all_of: &[ILLEGAL_BUILDING],
    },
    Judged {
        query: "占到经营",
        class: "错别字/变体",
        all_of: &[STALL, &["经营", "设摊", "摆摊", "摊"]],
    },
    Judged {
        query: "行政复意",
        class: "错别字/变体",
        all_of: &[&["行政复议"]],
    },
    Judged {
        query: "违章建筑",
        class: "错别字/变体",
        all_of: &[ILLEGAL_BUILDING],
    },
    Judged {
        query: "建筑拉圾",
        class: "错别字/变体",
        all_of: &[CONSTRUCTION_WASTE],
    },
    Judged {
        query: "政府信息公示",
        class: "错别字/变体",
        all_of: &[&["政府信息公开", "信息公开"]],
    },
    Judged {
        query: "佔道經營",
        class: "错别字/变体",
        all_of: &[STALL, &["经营", "设摊", "摆摊", "摊"]],
    },
];

impl Judged {
    fn relevant(&self, folded: &str) -> bool {
        self.all_of
            .iter()
            .all(|group| group.iter().any(|t| folded.contains(t)))
    }
}

/// nDCG@10 (binary gains) and recall@10 of one ranking against a relevant set. Recall
/// is over min(|relevant|, 10): a query with hundreds of relevant articles scores 1
/// when all ten shown are relevant.
pub fn ndcg_recall_at_10(
    ranked: &[usize],
    relevant: &std::collections::HashSet<usize>,
) -> (f64, f64) {
    if relevant.is_empty() {
        return (0.0, 0.0);
    }
    let gain = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let top = &ranked[..ranked.len().min(10)];
    let dcg: f64 = top
        .iter()
        .enumerate()
        .filter(|(_, d)| relevant.contains(d))
        .map(|(i, _)| gain(i))
        .sum();
    let ideal: f64 = (0..relevant.len().min(10)).map(gain).sum();
    let found = top.iter().filter(|d| relevant.contains(d)).count();
    (dcg / ideal, found as f64 / relevant.len().min(10) as f64)
}

/// Query times of one engine in `bench search`, round 0 being the untimed warm-up.
#[derive(Default)]
struct Timings {
    samples: Vec<Duration>,
    slowest: (Duration, &'static str),
}

impl Timings {
    fn record(&mut self, round: usize, took: Duration, query: &'static str) {
        if round > 0 {
            self.samples.push(took);
            if took > self.slowest.0 {
                self.slowest = (took, query);
            }
        }
    }

    /// One line: build time and rate ("沿用" when the index was reused), p50/p99, peak
    /// memory; then the slowest query.
    fn report(self, name: &str, build: Option<f64>, n: usize) {
        let (b, rate) = match build {
            Some(b) => (format!("{b:.1}"), format!("{:.0}", n as f64 / b)),
            None => ("沿用".to_string(), "-".to_string()),
        };
        let s = Stats {
            name: "",
            samples: self.samples,
        };
        println!(
            "{:<26} {:>10} {:>10} {:>9.2} {:>9.2} {:>10.0}",
            name,
            b,
            rate,
            s.pct(0.5),
            s.pct(0.99),
            vm_hwm_mb()
        );
        println!(
            "{:<26} 最慢：{}（{:.2} ms）",
            "",
            self.slowest.1,
            self.slowest.0.as_secs_f64() * 1000.0
        );
    }
}

fn vm_hwm_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// FTS5 with the trigram tokenizer: each whitespace-separated word must occur; words
/// shorter than three characters cannot be searched this way and are dropped.
fn fts5_match(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split_whitespace()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// `gongkai bench search`: build rate, latency and peak memory of the search engine
/// on (a) the laws at article level and (b) `count` documents generated from the law
/// texts, against SQLite FTS5 (trigram) on the same documents and queries; then the
/// relevance of both on the judged queries over the law articles. With `keep`, the
/// indexes are kept in that folder and reused by the next run when they hold the same
/// number of items (the build columns then say so).
pub async fn search(
    laws: &std::path::Path,
    count: usize,
    requests: usize,
    keep: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    use std::collections::HashSet;
    use std::str::FromStr;
    let mut articles: Vec<search::Doc> = Vec::new();
    for f in crate::laws::store::law_files(laws) {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Some(law) = crate::laws::parse::parse(&text) else {
            continue;
        };
        for a in law.articles {
            articles.push(search::Doc {
                id: format!("{}:{}", articles.len(), a.ordinal),
                kind: "法规".into(),
                title: law.title.clone(),
                number: a.number.clone(),
                body: a.text.clone(),
                ..Default::default()
            });
        }
    }
    anyhow::ensure!(!articles.is_empty(), "{} 中没有法规文件", laws.display());
    const ISSUERS: [&str; 6] = [
        "市城管执法局",
        "浦东新区城管执法局",
        "黄浦区城管执法局",
        "静安区城管执法局",
        "市住房城乡建设管理委",
        "市绿化市容局",
    ];
    const TOPICS: [&str; 5] = ["城乡建设", "市容环卫", "综合政务", "公共安全", "环境保护"];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let generated: Vec<search::Doc> = (0..count)
        .map(|i| {
            let a = &articles[rng.below(articles.len())];
            let b = &articles[rng.below(articles.len())];
            let c = &articles[rng.below(articles.len())];
            search::Doc {
                id: format!("g{i}"),
                kind: "文件".into(),
                title: format!("关于贯彻{}的通知（{}）", a.title, i),
                number: format!("沪城管执〔{}〕{}号", 2000 + i % 26, i % 500 + 1),
                body: format!("{}\n{}\n{}", a.body, b.body, c.body),
                url: String::new(),
                date: (2000 + (i % 26) as u64) * 10_000 + 101 + (i % 12) as u64 * 100,
                lapsed: i % 10 == 0,
                topic: TOPICS[i % TOPICS.len()].into(),
                issuer: ISSUERS[i % ISSUERS.len()].into(),
                level: String::new(),
            }
        })
        .collect();
    let temp = keep.is_none();
    let dir = match keep {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            d.to_path_buf()
        }
        None => tempfile_dir()?,
    };
    // The judgments, applied to every article.
    let folded: Vec<String> = articles
        .iter()
        .map(|a| search::normalize(&format!("{}\n{}\n{}", a.title, a.number, a.body)))
        .collect();
    let relevant: Vec<HashSet<usize>> = SEARCH_QUERIES
        .iter()
        .map(|j| {
            folded
                .iter()
                .enumerate()
                .filter(|(_, t)| j.relevant(t))
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    drop(folded);
    println!(
        "gongkai bench search — 法规条文 {} 条；生成文档 {} 件；查询 {} 条 × {} 轮",
        articles.len(),
        count,
        SEARCH_QUERIES.len(),
        requests.max(1)
    );
    println!(
        "{:<26} {:>10} {:>10} {:>9} {:>9} {:>10}",
        "", "建索引 秒", "条/秒", "p50 ms", "p99 ms", "峰值内存MB"
    );
    // Per engine: the ranked article indexes of each judged query.
    let mut rankings: Vec<(&str, Vec<Vec<usize>>)> = Vec::new();
    for (name, docs) in [
        ("法规条文（本引擎）", &articles),
        ("生成文档（本引擎）", &generated),
    ] {
        let sub = dir.join(format!("engine-v{}-{}", search::INDEX_VERSION, docs.len()));
        let idx = search::SearchIndex::open_or_create(&sub)?;
        let build = if idx.len() == docs.len() as u64 {
            None
        } else {
            let t = Instant::now();
            idx.replace_all(docs.iter().cloned())?;
            Some(t.elapsed().as_secs_f64())
        };
        let mut timings = Timings::default();
        // One untimed round first, so that both engines are measured with the index in
        // the page cache (a reused index may have been read from disk).
        for round in 0..=requests.max(1) {
            for j in SEARCH_QUERIES {
                let t = Instant::now();
                let r = idx.search(&search::Query {
                    text: j.query.into(),
                    limit: 10,
                    ..Default::default()
                })?;
                timings.record(round, t.elapsed(), j.query);
                std::hint::black_box(r);
            }
        }
        timings.report(name, build, docs.len());
        if std::ptr::eq(docs, &articles) {
            let mut ranked = Vec::new();
            for j in SEARCH_QUERIES {
                let r = idx.search(&search::Query {
                    text: j.query.into(),
                    limit: 10,
                    ..Default::default()
                })?;
                ranked.push(
                    r.hits
                        .iter()
                        .filter_map(|h| h.id.split(':').next().and_then(|i| i.parse().ok()))
                        .collect(),
                );
            }
            rankings.push(("本引擎", ranked));
        }
        drop(idx);
    }
    // The baseline: SQLite FTS5 with the trigram tokenizer, same documents and queries.
    for (name, docs) in [
        ("法规条文（FTS5 trigram）", &articles),
        ("生成文档（FTS5 trigram）", &generated),
    ] {
        let path = dir.join(format!("fts-{}.db", docs.len()));
        let opts =
            sqlx::sqlite::SqliteConnectOptions::from_str(&format!("sqlite:{}", path.display()))?
                .create_if_missing(true);
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts)
            .await?;
        sqlx::query(
            "CREATE VIRTUAL TABLE IF NOT EXISTS t USING fts5(title, number, body, tokenize='trigram')",
        )
        .execute(&pool)
        .await?;
        // Rows are numbered 1..=n, so the largest rowid is the count (COUNT(*) scans).
        let have: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(rowid), 0) FROM t")
            .fetch_one(&pool)
            .await?;
        let build = if have == docs.len() as i64 {
            None
        } else {
            sqlx::query("DELETE FROM t").execute(&pool).await?;
            let t = Instant::now();
            let mut tx = pool.begin().await?;
            for (i, d) in docs.iter().enumerate() {
                sqlx::query("INSERT INTO t (rowid, title, number, body) VALUES ($1, $2, $3, $4)")
                    .bind(i as i64 + 1)
                    .bind(&d.title)
                    .bind(&d.number)
                    .bind(&d.body)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Some(t.elapsed().as_secs_f64())
        };
        let top10 = |q: &str| {
            let m = fts5_match(q);
            let pool = pool.clone();
            async move {
                match m {
                    Some(m) => {
                        sqlx::query_scalar::<_, i64>(
                            "SELECT rowid FROM t WHERE t MATCH $1 ORDER BY bm25(t, 3.0, 2.0, 1.0) LIMIT 10",
                        )
                        .bind(&m)
                        .fetch_all(&pool)
                        .await
                    }
                    None => Ok(Vec::new()),
                }
            }
        };
        let mut timings = Timings::default();
        for round in 0..=requests.max(1) {
            for j in SEARCH_QUERIES {
                let t = Instant::now();
                std::hint::black_box(top10(j.query).await?);
                timings.record(round, t.elapsed(), j.query);
            }
        }
        timings.report(name, build, docs.len());
        if std::ptr::eq(docs, &articles) {
            let mut ranked = Vec::new();
            for j in SEARCH_QUERIES {
                ranked.push(
                    top10(j.query)
                        .await?
                        .into_iter()
                        .map(|r| (r - 1) as usize)
                        .collect(),
                );
            }
            rankings.push(("FTS5 trigram", ranked));
        }
        pool.close().await;
    }
    let unsearchable = SEARCH_QUERIES
        .iter()
        .filter(|j| fts5_match(j.query).is_none())
        .count();
    println!(
        "FTS5 trigram 无法检索少于 3 个字的查询：{unsearchable}/{} 条（如“违建”“摆摊”）。",
        SEARCH_QUERIES.len()
    );
    println!("峰值内存为整个进程到该行为止的最高值（VmHWM）。");
    // Relevance on the law articles.
    println!();
    println!(
        "相关性（法规条文，{} 条判定查询；召回率按 min(相关条数, 10) 计）",
        SEARCH_QUERIES.len()
    );
    let mut classes: Vec<&str> = SEARCH_QUERIES.iter().map(|j| j.class).collect();
    classes.dedup();
    classes.push("全部");
    print!("{:<12} {:>5}", "类别", "查询");
    for (engine, _) in &rankings {
        print!(
            " {:>16} {:>16}",
            format!("{engine} nDCG@10"),
            format!("{engine} R@10")
        );
    }
    println!();
    for class in classes {
        let members: Vec<usize> = (0..SEARCH_QUERIES.len())
            .filter(|i| class == "全部" || SEARCH_QUERIES[*i].class == class)
            .collect();
        print!("{:<12} {:>5}", class, members.len());
        for (_, ranked) in &rankings {
            let (mut n, mut r) = (0.0, 0.0);
            for i in &members {
                let (a, b) = ndcg_recall_at_10(&ranked[*i], &relevant[*i]);
                n += a;
                r += b;
            }
            let k = members.len().max(1) as f64;
            print!(" {:>16.3} {:>16.3}", n / k, r / k);
        }
        println!();
    }
    println!();
    println!("{:<24} {:>8} 各引擎 nDCG@10", "查询", "相关条数");
    for (i, j) in SEARCH_QUERIES.iter().enumerate() {
        print!("{:<24} {:>8}", j.query, relevant[i].len());
        for (engine, ranked) in &rankings {
            let (n, _) = ndcg_recall_at_10(&ranked[i], &relevant[i]);
            print!("  {engine} {n:.2}");
        }
        println!();
    }
    if temp {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_and_recall_at_10() {
        let rel: std::collections::HashSet<usize> = [1, 2, 3].into_iter().collect();
        // All relevant first: perfect.
        assert_eq!(ndcg_recall_at_10(&[1, 2, 3, 9], &rel), (1.0, 1.0));
        // None found.
        assert_eq!(ndcg_recall_at_10(&[7, 8, 9], &rel), (0.0, 0.0));
        // One relevant at rank 2 of three: DCG 1/log2(3), ideal 1 + 1/log2(3) + 1/2.
        let (n, r) = ndcg_recall_at_10(&[9, 1], &rel);
        let ideal = 1.0 + 1.0 / 3f64.log2() + 0.5;
        assert!((n - (1.0 / 3f64.log2()) / ideal).abs() < 1e-12);
        assert!((r - 1.0 / 3.0).abs() < 1e-12);
        // More than ten relevant: recall over ten.
        let many: std::collections::HashSet<usize> = (0..50).collect();
        let top: Vec<usize> = (0..10).collect();
        assert_eq!(ndcg_recall_at_10(&top, &many), (1.0, 1.0));
        // Nothing relevant: zero, not NaN.
        assert_eq!(ndcg_recall_at_10(&top, &Default::default()), (0.0, 0.0));
    }

    #[test]
    fn judgments_need_every_group() {
        let j = SEARCH_QUERIES
            .iter()
            .find(|j| j.query == "在路边摆摊会被罚款吗")
            .expect("query");
        assert!(j.relevant("不得擅自占用道路设摊经营，违者处罚款"));
        assert!(
            !j.relevant("不得擅自占用道路设摊经营"),
            "罚款 is required too"
        );
        assert!(SEARCH_QUERIES.len() >= 40);
        // Every query has at least one group and no empty group.
        assert!(
            SEARCH_QUERIES
                .iter()
                .all(|j| !j.all_of.is_empty() && j.all_of.iter().all(|g| !g.is_empty()))
        );
    }
}
