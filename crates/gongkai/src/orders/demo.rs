//! Demo work orders for `serve --demo`: about 200 generated orders across the
//! categories and districts of Shanghai, over the last six months, in every status
//! (some late), with coordinates near each district's centre — so that the
//! statistics page and its heat map show something real. Fictitious requesters.

use super::OrderAction;
use super::form::NewOrder;
use super::model::{self, Satisfaction, Source, Status, Urgency};
use super::store::{self, Insert};
use crate::audit::{self, Actor};
use crate::db::Db;

/// Districts and their approximate centres (lat, lon).
const DISTRICTS: &[(&str, f64, f64)] = &[
    ("黄浦区", 31.2317, 121.4846),
    ("徐汇区", 31.1885, 121.4365),
    ("静安区", 31.2290, 121.4480),
    ("浦东新区", 31.2215, 121.5447),
    ("闵行区", 31.1128, 121.3817),
    ("宝山区", 31.4051, 121.4895),
    ("杨浦区", 31.2595, 121.5260),
    ("松江区", 31.0322, 121.2277),
];

const TEXTS: &[(&str, &str)] = &[
    (
        "street_vending",
        "{d}某路口傍晚有流动摊贩占用人行道经营，行人通行不便。",
    ),
    (
        "illegal_building",
        "{d}某小区顶楼有住户搭建阳光房，疑似违法建设。",
    ),
    (
        "night_construction",
        "{d}某工地夜间十一点后仍在施工，噪声很大。",
    ),
    ("cooking_fumes", "{d}某沿街餐饮店油烟直排，影响楼上住户。"),
    ("muck_transport", "{d}某路段渣土车撒落泥土，路面污染。"),
    ("outdoor_ads", "{d}某商铺店招破损，存在坠落隐患。"),
    ("waste_sorting", "{d}某小区垃圾箱房未按时开放，混装混运。"),
    ("shared_bikes", "{d}地铁站出口共享单车堆积，占用盲道。"),
];

/// A small deterministic generator (the demo is the same on every load).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
    fn jitter(&mut self) -> f64 {
        (self.next(2001) as f64 - 1000.0) / 1000.0 * 0.03
    }
}

/// Load `n` demo orders into `unit` (the bureau), unless there are orders already.
pub async fn seed(db: &Db, unit: i64, n: usize) -> anyhow::Result<usize> {
    let (_, existing) = store::list(
        db,
        &Default::default(),
        crate::db::Page::new(Some(1), Some(1)),
    )
    .await?;
    if existing > 0 {
        return Ok(0);
    }
    let cal = workday::builtin();
    let today = crate::clock::today();
    let actor = Actor::system();
    let mut rng = Lcg(20_260_618);
    let mut tx = db.begin().await?;
    for i in 0..n {
        let (code, text) = TEXTS[rng.next(TEXTS.len() as u64) as usize];
        let (district, lat, lon) = DISTRICTS[rng.next(DISTRICTS.len() as u64) as usize];
        let received_on = today - chrono::Duration::days(rng.next(180) as i64 + 1);
        let urgency = if rng.next(10) == 0 {
            Urgency::Urgent
        } else {
            Urgency::Normal
        };
        let o = NewOrder {
            source: if i % 10 == 0 {
                Source::Phone
            } else {
                Source::Hotline
            },
            source_no: (i % 10 != 0)
                .then(|| format!("SH12345-{}-{:05}", received_on.format("%Y%m%d"), i + 1)),
            service_code: code.into(),
            description: text.replace("{d}", district),
            address: format!("{district}某路{}号附近", rng.next(900) + 1),
            district: district.into(),
            lat: Some(lat + rng.jitter()),
            lon: Some(lon + rng.jitter()),
            contact_name: "演示市民".into(),
            contact_phone: "13800000000".into(),
            contact_email: String::new(),
            urgency,
            page_url: String::new(),
            error_type: None,
            received_on,
            due: None,
        };
        let days = model::default_days(o.source, urgency);
        let Ok((accept_due, finish_due)) = model::deadlines(&cal, received_on, days) else {
            continue;
        };
        let (id, _) = store::insert(
            &mut tx,
            &Insert {
                order: &o,
                public_description: &o.description,
                unit_id: unit,
                accept_due,
                finish_due,
                query_code: &format!("DEMO{:04}", i),
                token: &format!("demo-token-{i:05}"),
            },
        )
        .await?;
        store::add_event(
            &mut tx,
            id,
            model::EventKind::Created,
            &actor.name,
            Some(unit),
            "演示数据",
        )
        .await?;
        let Some(mut row) = store::get_in(&mut tx, id).await? else {
            continue;
        };
        // Older orders are done (a few late, a few unsatisfied); recent ones run.
        let age = (today - received_on).num_days();
        let took = rng.next(u64::from(days.finish) + 4) as u32 + 1;
        let finished = cal
            .add_workdays(received_on, took)
            .ok()
            .filter(|d| *d < today);
        row.accepted_on = cal
            .add_workdays(received_on, 1)
            .ok()
            .filter(|d| *d <= today);
        row.status = if row.accepted_on.is_some() {
            Status::Accepted
        } else {
            Status::Received
        };
        if age > 30 && rng.next(25) == 0 {
            row.status = Status::Returned;
            row.return_reason = "不属于本局职责，退回12345平台重新派单".into();
            row.closed_on = Some(received_on + chrono::Duration::days(1));
        } else if let Some(f) = finished.filter(|_| age > 10 || rng.next(2) == 0) {
            row.finished_on = Some(f);
            row.result = "已派执法队员现场核查，责令当事人整改，已整改到位。".into();
            row.reply = "您反映的问题已处理，感谢您的监督。".into();
            let sat = match rng.next(10) {
                0 => Satisfaction::Unsatisfied,
                1 | 2 => Satisfaction::Basic,
                _ => Satisfaction::Satisfied,
            };
            if f + chrono::Duration::days(3) < today {
                row.satisfaction = sat.code().into();
                row.status = Status::Closed;
                row.closed_on = Some(f + chrono::Duration::days(3));
            } else {
                row.status = Status::Finished;
            }
        }
        store::update(&mut tx, &row, Status::Received).await?;
    }
    audit::append(
        &mut tx,
        &actor,
        OrderAction::Demo,
        "work_order",
        None,
        format!("载入演示诉求工单 {n} 件"),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}
