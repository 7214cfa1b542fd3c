//! Demo directories, an item, a plan and a completed draw for `serve --demo`.

use super::service;
use super::store::{self, EntityRow, InspectorRow, ItemRow, PlanRow};
use crate::audit::Actor;
use crate::db::Db;

pub async fn seed(db: &Db, unit: i64) -> anyhow::Result<()> {
    let actor = Actor::system();
    let e = |m: crate::error::AppError| anyhow::anyhow!("{m}");
    let districts = ["黄浦区", "徐汇区", "浦东新区"];
    let entities: Vec<EntityRow> = (0..30)
        .filter_map(|i| {
            let code =
                crate::ids::credit_code_with_check(&format!("9131000{:010}", 7_000_000 + i))?;
            Some(EntityRow {
                id: 0,
                name: format!("演示{}号餐饮店", i + 1),
                credit_code: code,
                entity_type: "餐饮".into(),
                district: districts[i % 3].into(),
                address: format!("某路{}号", i + 1),
                risk: if i % 6 == 0 {
                    "high".into()
                } else {
                    "normal".into()
                },
                complaints: (i % 4 == 0) as i64,
                penalties: 0,
                active: true,
            })
        })
        .collect();
    service::upsert_entities(db, &entities, &actor)
        .await
        .map_err(e)?;
    let inspectors: Vec<InspectorRow> = (0..9)
        .map(|i| InspectorRow {
            id: 0,
            name: format!("演示执法员{}", i + 1),
            cert_no: format!("3100{:04}", 9000 + i),
            unit_id: unit,
            district: districts[i % 3].into(),
            fields: "市容环境".into(),
            conflicts: String::new(),
            active: true,
        })
        .collect();
    service::upsert_inspectors(db, &inspectors, &actor)
        .await
        .map_err(e)?;
    let item = ItemRow {
        id: 0,
        name: "餐饮企业门前市容环境卫生责任区落实情况检查".into(),
        basis: "《上海市市容环境卫生管理条例》第十二条".into(),
        subject_type: "餐饮".into(),
        method: "现场检查".into(),
        frequency: "每年一次".into(),
    };
    let item_id = service::add_item(db, &item, &actor).await.map_err(e)?;
    let plan = PlanRow {
        id: 0,
        unit_id: Some(unit),
        year: chrono::Datelike::year(&crate::clock::today()).into(),
        item_id,
        ratio_permille: 100,
        high_risk_factor: 2,
        per_entity: 2,
        exclude_own: true,
        strata: "district".into(),
        required_strata: districts.join(","),
        schedule: "第四季度".into(),
    };
    let plan_id = service::add_plan(db, &plan, &actor).await.map_err(e)?;
    let plans = store::plans(db).await?;
    let plan = plans
        .iter()
        .find(|p| p.id == plan_id)
        .ok_or_else(|| anyhow::anyhow!("plan"))?;
    let items = store::items(db).await?;
    let item = items
        .iter()
        .find(|i| i.id == item_id)
        .ok_or_else(|| anyhow::anyhow!("item"))?;
    let input = super::service::input_for(
        plan,
        item,
        &store::entities(db).await?,
        &store::inspectors(db).await?,
        Default::default(),
    );
    let mut seed = [0u8; 32];
    rand::Rng::fill(&mut rand::rng(), &mut seed);
    let id = service::commit_draw(db, plan_id, &input, &seed, &actor)
        .await
        .map_err(e)?;
    let d = store::draw(db, id).await.map_err(e)?;
    let record = draw::record(input, &seed)?;
    service::reveal_draw(db, &d, &record, &actor)
        .await
        .map_err(e)?;
    let today = crate::clock::today();
    for (a, outcome) in record.result.iter().zip(["ok", "rectify"]) {
        service::save_result(
            db,
            id,
            &a.entity,
            outcome,
            today - chrono::Duration::days(2),
            "演示结果",
            &actor,
        )
        .await
        .map_err(e)?;
    }
    Ok(())
}
