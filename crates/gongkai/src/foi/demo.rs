//! Demo applications for `serve --demo`, at different stages of the clock, with
//! fictitious applicants (identity numbers generated with valid check characters).

use crate::foi::FoiAction;
use chrono::NaiveDate;

use super::clock::{Event, Party};
use super::input::NewCase;
use super::model::{ApplicantKind, Channel, DeliveryForm, DeliveryMethod, IdKind};
use super::{case_service, store};
use crate::audit::Actor;
use crate::db::Db;

fn case(
    unit: i64,
    n: u32,
    kind: ApplicantKind,
    channel: Channel,
    on: NaiveDate,
    what: &str,
) -> NewCase {
    let natural = kind.is_natural();
    let id_number = if natural {
        crate::ids::id_card_with_check(&format!("31010119850101{n:03}")).unwrap_or_default()
    } else {
        crate::ids::credit_code_with_check(&format!("913100007{n:08}")).unwrap_or_default()
    };
    NewCase {
        unit_id: unit,
        channel,
        applicant_kind: kind,
        applicant_name: if natural {
            format!("演示申请人{n}")
        } else {
            format!("演示企业{n}有限公司")
        },
        id_kind: if natural {
            IdKind::IdCard
        } else {
            IdKind::CreditCode
        },
        id_number,
        legal_rep: if natural {
            String::new()
        } else {
            "演示法定代表人".into()
        },
        contact_name: String::new(),
        phone: "021-00000000".into(),
        email: "demo@example.cn".into(),
        address: "上海市某区演示路1号".into(),
        postcode: "200000".into(),
        info_title: String::new(),
        info_doc_no: String::new(),
        info_description: what.into(),
        purpose: String::new(),
        delivery_form: DeliveryForm::Email,
        delivery_method: DeliveryMethod::Email,
        arrived_on: on,
    }
}

/// The demo's 依申请办理人 of the district bureaus: (username, name, bureau).
pub const DISTRICT_HANDLERS: [(&str, &str, &str); 3] = [
    ("huangpu_foi", "黄依申", "黄浦区城管执法局"),
    ("xuhui_foi", "徐依申", "徐汇区城管执法局"),
    ("pudong_foi", "浦依申", "浦东新区城管执法局"),
];

/// Routing of the demo (issue 13): the bureau accepts applications and routes them
/// to `office` (法制处); each district bureau accepts and handles its own, with a
/// 依申请办理人 account each. Returns the bureau (the root unit).
async fn routing(db: &Db, office: i64) -> anyhow::Result<i64> {
    use crate::auth::roles::{Grant, Role, UnitKind};
    use crate::auth::store as auth;
    let units = auth::all_units(db).await?;
    let root = units
        .iter()
        .find(|u| u.parent_id.is_none())
        .map(|u| u.id)
        .unwrap_or(office);
    let hash = crate::auth::password::hash(crate::demo::DEMO_PASSWORD.to_string()).await?;
    let mut tx = db.begin().await?;
    auth::set_foi_routing(&mut tx, root, true, Some(office)).await?;
    for u in units.iter().filter(|u| u.kind == UnitKind::District.code()) {
        auth::set_foi_routing(&mut tx, u.id, true, Some(u.id)).await?;
        let Some((username, name, _)) = DISTRICT_HANDLERS.iter().find(|h| h.2 == u.name) else {
            continue;
        };
        if auth::find_by_username(db, username).await?.is_some() {
            continue;
        }
        let id = auth::create_user(&mut tx, username, name, &hash, true).await?;
        auth::set_grants(
            &mut tx,
            id,
            &[Grant {
                unit_id: u.id,
                role: Role::FoiHandler,
            }],
        )
        .await?;
    }
    crate::audit::append(
        &mut tx,
        &Actor::system(),
        FoiAction::DemoRouting,
        "system",
        None,
        "演示：市局受理的依申请公开申请由法制处办理，各区局受理并办理本局的申请".into(),
    )
    .await?;
    tx.commit().await?;
    Ok(root)
}

/// Five applications to the bureau, routed to its FOI office `office`:
/// unconfirmed, consulting, waiting for a correction, replied and closed, and one
/// overdue. Dates are counted back from today on the calendar.
pub async fn seed(db: &Db, office: i64) -> anyhow::Result<()> {
    let unit = routing(db, office).await?;
    let cal = crate::workdays::load(db).await?;
    let today = crate::clock::today();
    // The working day `n` working days before today.
    let back = |n: u32| -> NaiveDate {
        let mut d = today;
        let mut left = n;
        while left > 0 {
            d = d.pred_opt().unwrap_or(d);
            if cal.is_workday(d).unwrap_or(true) {
                left -= 1;
            }
        }
        d
    };
    let actor = Actor::system();
    let make = |n, kind, channel, on, what| case(unit, n, kind, channel, on, what);
    let specs = [
        make(
            1,
            ApplicantKind::Natural,
            Channel::Online,
            back(1),
            "本市2025年查处违法建筑的统计数据",
        ),
        make(
            2,
            ApplicantKind::Commercial,
            Channel::InPerson,
            back(8),
            "对本公司门前占道经营处罚的执法依据",
        ),
        make(
            3,
            ApplicantKind::Natural,
            Channel::RegisteredPost,
            back(4),
            "某路段夜间施工噪声投诉处理情况",
        ),
        make(
            4,
            ApplicantKind::LegalService,
            Channel::InPerson,
            back(30),
            "2025年度行政处罚案件数量和罚没金额",
        ),
        make(
            5,
            ApplicantKind::Natural,
            Channel::InPerson,
            back(25),
            "本街道共享单车停放点位的设置依据",
        ),
    ];
    let mut ids = Vec::new();
    for c in &specs {
        ids.push(case_service::create(db, c, None, &actor).await?.id);
    }
    let add = |id: i64, on: NaiveDate, ev: Event| {
        let cal = &cal;
        let actor = &actor;
        async move {
            let c = store::get(db, id).await?;
            case_service::append(db, cal, &c, on, ev, actor)
                .await
                .map(|_| ())
        }
    };
    add(
        ids[1],
        back(5),
        Event::ConsultationStarted {
            party: Party::ThirdParty,
            name: "演示餐饮有限公司".into(),
        },
    )
    .await?;
    add(
        ids[2],
        back(2),
        Event::CorrectionRequested {
            items: "请写明具体路段和投诉时间".into(),
            period_days: 15,
        },
    )
    .await?;
    add(
        ids[3],
        back(15),
        Event::Replied {
            outcome: "provided".into(),
            ground: None,
            note: "已通过电子邮件提供".into(),
        },
    )
    .await?;
    add(ids[3], back(14), Event::Delivered).await?;
    add(ids[3], back(13), Event::Closed).await?;
    Ok(())
}
