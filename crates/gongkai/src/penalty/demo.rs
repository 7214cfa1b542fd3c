//! Demo penalty cases and suspended numbers for `serve --demo` (fictitious parties).

use crate::penalty::PenaltyAction;
use chrono::NaiveDate;

use super::model::{self, PenaltyKind, PenaltyKinds, PenaltyState, ViolationType};
use super::service;
use super::store::{self, Change, NewCase};
use crate::audit::Actor;
use crate::db::Db;

pub async fn seed(db: &Db, unit: i64, retention: model::Retention) -> anyhow::Result<()> {
    let today = crate::clock::today();
    let day = |n: i64| today - chrono::Duration::days(n);
    let actor = Actor::system();
    let cases = [
        (
            true,
            "演示人员甲",
            "",
            "当事人演示人员甲（男，1985年3月12日出生，住上海市黄浦区福州路518弄12号302室）于{d}在黄浦区南京东路步行街设摊经营，经劝阻拒不改正，手机13800001111。",
            PenaltyKind::Fine,
            "罚款人民币200元",
            20_000,
            ViolationType::StreetVending,
            "黄浦区",
            12,
        ),
        (
            false,
            "上海演示餐饮管理有限公司",
            "91310101MA1FP8XK3W",
            "当事人在徐汇区漕溪北路店铺门前违规设置户外招牌，法定代表人演示人员乙。",
            PenaltyKind::Fine,
            "罚款人民币5000元，责令限期拆除",
            500_000,
            ViolationType::OutdoorAds,
            "徐汇区",
            20,
        ),
        (
            false,
            "上海演示建筑工程有限公司",
            "91310000132211270G",
            "当事人承建的工地夜间施工噪声超标，经监测超过排放标准。",
            PenaltyKind::Fine,
            "罚款人民币3万元",
            3_000_000,
            ViolationType::Noise,
            "浦东新区",
            35,
        ),
    ];
    for (i, (natural, name, code, facts, kind, content, fine, violation, district, ago)) in
        cases.into_iter().enumerate()
    {
        let decided: NaiveDate = day(ago);
        let c = NewCase {
            unit_id: unit,
            decision_no: format!(
                "沪城管执罚〔{}〕演示{}号",
                chrono::Datelike::year(&decided),
                i + 1
            ),
            natural,
            party_name: name.into(),
            credit_code: code.into(),
            legal_rep: if natural {
                String::new()
            } else {
                "演示人员乙".into()
            },
            facts: facts.replace("{d}", &decided.format("%Y年%-m月%-d日").to_string()),
            basis: "《上海市市容环境卫生管理条例》及相关规定".into(),
            penalty_kind: PenaltyKinds::new([kind]),
            penalty_content: content.into(),
            fine_cents: fine,
            decided_on: decided,
            authority: format!("上海市{district}城市管理行政执法局"),
            violation_type: violation,
            district: district.into(),
            // The natural person's decision as served: birth date, identity number
            // (masked in part at the source), home address, a neighbour named without a
            // role word. None of it may reach a public page or the API.
            full_text: if natural {
                format!(
                    "当事人：演示人员甲，男，1985年3月12日出生，身份证号31010119850312****，\
                     住上海市黄浦区福州路518弄12号302室，手机13800001111。\n经查，当事人于{}在黄浦区南京东路步行街设摊经营，\
                     邻居钱多多称其已多次设摊。执法人员：王建国（执法证号31001234）。",
                    decided.format("%Y年%-m月%-d日")
                )
            } else {
                String::new()
            },
            restriction: None,
        };
        let mut tx = db.begin().await?;
        let id = service::insert(&mut tx, &c, None, &actor)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        tx.commit().await?;
        let row = store::get(db, id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        service::change(
            db,
            &row,
            PenaltyState::Pending,
            Change::Confirm {
                party: row.masked_party.clone(),
                facts: row.masked_facts.clone(),
                text: row.masked_text.clone(),
                by: None,
            },
            PenaltyAction::Confirm,
            "演示数据：确认去标识化".into(),
            &actor,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let row = store::get(db, id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let on = day(ago - 3);
        service::change(
            db,
            &row,
            PenaltyState::Confirmed,
            Change::Publish {
                on,
                until: model::retention_until(on, &PenaltyKinds::new([kind]), fine, retention),
            },
            PenaltyAction::Publish,
            "演示数据：公开".into(),
            &actor,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    service::add_number(
        db,
        unit,
        "13800002222",
        day(40),
        "张贴、散发非法小广告",
        &actor,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let lifted = service::add_number(
        db,
        unit,
        "13900003333",
        day(60),
        "张贴、散发非法小广告",
        &actor,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    service::lift_number(db, lifted, day(30), "当事人已接受处理并整改", &actor)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}
