//! `gongkai bench foi`: 依申请公开 with many generated applications.

use std::time::Instant;

use anyhow::Context;

use super::{Options, PHRASES, Rng, Stats};
use crate::db::Db;
use crate::state::AppState;

/// `gongkai bench foi`: the heaviest 依申请公开 reads with many cases — the deadline
/// dashboard (every open case's log replayed), table 三 of a year, one case's clock
/// — and the rate of appending events through the checked, audited path.
pub async fn foi(opts: Options) -> anyhow::Result<()> {
    use crate::foi::clock::{Event, Party};
    use crate::foi::model::{
        ApplicantKind, Channel, DeliveryForm, DeliveryMethod, IdKind, Outcome,
    };
    let (dir, settings, db) = super::empty_database(&opts, "foi_cases", "申请").await?;
    let unit = super::writes::setup_unit(&db).await?;
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
            crate::foi::case_service::append(
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
                crate::foi::case_service::append(
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
            let done = crate::foi::case_service::append(
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
                crate::foi::case_service::append(&db, &cal, &row, reply, Event::Closed, &actor)
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
        let facts = crate::foi::store::report_facts(&db, year, None).await?;
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
    Ok(crate::foi::case_service::create(db, c, None, actor)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .id)
}
