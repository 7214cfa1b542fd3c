//! A penalty case as entered (form, import row or API), checked into a NewCase.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::model::{PenaltyKinds, Restriction, ViolationType, kinds_problems, parse_yuan};
use super::store::NewCase;
use crate::ids::CreditCode;

/// The fields, by their form names, with the Chinese column names of the import.
pub const FIELDS: &[(&str, &str)] = &[
    ("decision_no", "决定书文号"),
    ("party_kind", "当事人类型"),
    ("party_name", "当事人"),
    ("credit_code", "统一社会信用代码"),
    ("legal_rep", "法定代表人"),
    ("facts", "主要违法事实"),
    ("basis", "处罚依据"),
    ("penalty_kind", "处罚种类"),
    ("penalty_content", "处罚内容"),
    ("fine", "罚款金额（元）"),
    ("decided_on", "作出决定日期"),
    ("authority", "执法机关"),
    ("violation_type", "违法类型"),
    ("district", "区"),
    ("restriction", "不予公开情形"),
    ("full_text", "决定书全文"),
];

fn date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%Y/%m/%d"))
        .or_else(|_| NaiveDate::parse_from_str(v, "%Y年%m月%d日"))
        .ok()
}

/// Check one case. `get` returns a field by its form name; codes or Chinese labels
/// are accepted for the enumerations (imports use labels).
pub fn check(
    get: &dyn Fn(&str) -> String,
    unit_id: i64,
    today: NaiveDate,
) -> Result<NewCase, BTreeMap<String, String>> {
    let mut e = BTreeMap::new();
    let mut text = |name: &str, label: &str, required: bool, max: usize| -> String {
        let v = get(name).trim().to_string();
        if required && v.is_empty() {
            e.insert(name.to_string(), format!("请填写{label}"));
        } else if v.chars().count() > max {
            e.insert(name.to_string(), format!("{label}不能超过{max}字"));
        }
        v
    };
    let decision_no = text("decision_no", "决定书文号", true, 60);
    let party_name = text("party_name", "当事人", true, 100);
    let legal_rep = text("legal_rep", "法定代表人", false, 50);
    let facts = text("facts", "主要违法事实", true, 5000);
    let basis = text("basis", "处罚依据", true, 1000);
    let penalty_content = text("penalty_content", "处罚内容", true, 1000);
    let authority = text("authority", "执法机关", true, 100);
    let district = text("district", "区", false, 30);
    let full_text = text("full_text", "决定书全文", false, 50_000);
    let credit_raw = text("credit_code", "统一社会信用代码", false, 18);
    let kind_raw = get("party_kind");
    let natural = match kind_raw.trim() {
        "natural" | "自然人" => Some(true),
        "org" | "法人或其他组织" | "法人" | "其他组织" => Some(false),
        _ => None,
    };
    if natural.is_none() {
        e.insert(
            "party_kind".into(),
            "当事人类型应为“自然人”或“法人或其他组织”".into(),
        );
    }
    let mut credit_code = String::new();
    if natural == Some(false) {
        match CreditCode::parse(&credit_raw) {
            Ok(c) => credit_code = c.to_string(),
            Err(m) => {
                e.insert("credit_code".into(), m.into());
            }
        }
    }
    // Several kinds: form checkboxes arrive joined by commas, an import cell or the
    // API may list codes or labels ("警告、罚款").
    let penalty_kind = match PenaltyKinds::parse(&get("penalty_kind")) {
        Ok(k) => Some(k),
        Err(m) => {
            e.insert("penalty_kind".into(), m);
            None
        }
    };
    let violation_type = {
        let v = get("violation_type");
        ViolationType::parse(v.trim()).or_else(|| ViolationType::from_label(v.trim()))
    };
    if violation_type.is_none() {
        e.insert("violation_type".into(), "请选择违法类型".into());
    }
    let restriction = {
        let v = get("restriction");
        let v = v.trim();
        if v.is_empty() || v == "无" {
            Ok(None)
        } else {
            Restriction::parse(v)
                .or_else(|| Restriction::from_label(v))
                .map(Some)
                .ok_or(())
        }
    };
    if restriction.is_err() {
        e.insert("restriction".into(), "不予公开情形无效".into());
    }
    let fine_cents = parse_yuan(&get("fine"));
    if fine_cents.is_none() {
        e.insert("fine".into(), "罚款金额应为不小于 0 的数字（元）".into());
    }
    if let (Some(kinds), Some(fine)) = (&penalty_kind, fine_cents) {
        for (field, m) in kinds_problems(kinds, fine) {
            e.entry(field.to_string()).or_insert(m);
        }
    }
    let decided_on = date(&get("decided_on"));
    match decided_on {
        None => {
            e.insert(
                "decided_on".into(),
                "请填写作出决定日期（YYYY-MM-DD）".into(),
            );
        }
        Some(d) if d > today => {
            e.insert("decided_on".into(), "作出决定日期不能晚于今天".into());
        }
        _ => {}
    }
    if !e.is_empty() {
        return Err(e);
    }
    match (
        natural,
        penalty_kind,
        violation_type,
        fine_cents,
        decided_on,
        restriction,
    ) {
        (
            Some(natural),
            Some(penalty_kind),
            Some(violation_type),
            Some(fine_cents),
            Some(decided_on),
            Ok(restriction),
        ) => Ok(NewCase {
            unit_id,
            decision_no,
            natural,
            party_name,
            credit_code,
            legal_rep,
            facts,
            basis,
            penalty_kind,
            penalty_content,
            fine_cents,
            decided_on,
            authority,
            violation_type,
            district,
            full_text,
            restriction,
        }),
        _ => Err(e),
    }
}

pub use crate::table::parse_csv;
