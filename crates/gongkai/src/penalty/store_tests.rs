//! What of a penalty case is public (`store::public_view`), case by case.

use super::model;
use super::store::*;
use chrono::NaiveDate;
use model::PenaltyState;

fn row(state: PenaltyState) -> CaseRow {
    let d = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    CaseRow {
        id: 7,
        unit_id: 1,
        decision_no: "黄城管罚〔2026〕7号".into(),
        party_kind: "natural".into(),
        party_name: "张三".into(),
        credit_code: String::new(),
        legal_rep: String::new(),
        facts: "张三占道经营".into(),
        basis: "某条例第二十一条".into(),
        penalty_kind: model::PenaltyKinds::new([model::PenaltyKind::Fine]),
        penalty_content: "罚款500元".into(),
        fine_cents: 50_000,
        decided_on: d,
        authority: "某执法局".into(),
        violation_type: "street_vending".into(),
        district: "黄浦区".into(),
        full_text: String::new(),
        masked_party: "张某某".into(),
        masked_facts: "张某某占道经营".into(),
        masked_text: "决定书全文".into(),
        maskings: "[]".into(),
        restriction: String::new(),
        state,
        created_by: None,
        confirmed_by: None,
        published_on: Some(d),
        retention_until: None,
        withdrawn_on: Some(d),
        withdraw_kind: Some("revoked".into()),
        withdraw_reason: Some("复议撤销".into()),
        event_on: Some(d),
        created_at: chrono::Utc::now(),
    }
}

#[test]
fn a_withdrawn_case_shows_only_its_number_and_the_notice() {
    let Some(PublicView::Withdrawn(w)) = public_view(&row(PenaltyState::Withdrawn)) else {
        panic!("withdrawn view expected");
    };
    assert_eq!(w.decision_no, "黄城管罚〔2026〕7号");
    assert!(w.withdrawn.contains("复议撤销"));
    let json = serde_json::to_value(PublicView::Withdrawn(w)).expect("json");
    let keys: Vec<&String> = json.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["decision_no", "id", "withdrawn"]);
    assert!(!json.to_string().contains("张某某"));
}

#[test]
fn only_published_and_withdrawn_cases_are_public() {
    assert!(matches!(
        public_view(&row(PenaltyState::Published)),
        Some(PublicView::Published(p)) if p.facts == "张某某占道经营" && p.withdrawn.is_none()
    ));
    for s in [
        PenaltyState::Pending,
        PenaltyState::Confirmed,
        PenaltyState::Expired,
    ] {
        assert!(public_view(&row(s)).is_none(), "{s:?}");
    }
    let mut never = row(PenaltyState::Withdrawn);
    never.published_on = None;
    assert!(public_view(&never).is_none());
    assert_eq!(
        published_only(&[row(PenaltyState::Published), row(PenaltyState::Withdrawn)]).len(),
        1
    );
}
