//! The application form, checked at the edge into a [`NewCase`]: one set of rules
//! for the portal, the back office and the API.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::model::{ApplicantKind, Channel, DeliveryForm, DeliveryMethod, IdKind};
use crate::ids::{CreditCode, IdCardNo};

/// The fields of an application as submitted (form or JSON); all text.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ApplicationForm {
    /// 受理机关（机构编号）
    pub unit_id: String,
    /// natural | commercial | research | public_interest | legal_service | other
    pub applicant_kind: String,
    /// 姓名或单位名称
    pub applicant_name: String,
    /// id_card | credit_code | other
    pub id_kind: String,
    pub id_number: String,
    /// 法定代表人或负责人（法人或其他组织）
    pub legal_rep: String,
    /// 联系人（法人或其他组织）
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub postcode: String,
    /// 所需信息的名称
    pub info_title: String,
    /// 所需信息的文号
    pub info_doc_no: String,
    /// 所需信息的内容描述
    pub info_description: String,
    /// 用途（可不填）
    pub purpose: String,
    /// paper | email | electronic
    pub delivery_form: String,
    /// post | email | in_person
    pub delivery_method: String,
    /// staff only: online | in_person | registered_post | ordinary_letter | fax
    pub channel: String,
    /// staff only: 收件日期 YYYY-MM-DD
    pub arrived_on: String,
}

/// A checked application.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub unit_id: i64,
    pub channel: Channel,
    pub applicant_kind: ApplicantKind,
    pub applicant_name: String,
    pub id_kind: IdKind,
    pub id_number: String,
    pub legal_rep: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub postcode: String,
    pub info_title: String,
    pub info_doc_no: String,
    pub info_description: String,
    pub purpose: String,
    pub delivery_form: DeliveryForm,
    pub delivery_method: DeliveryMethod,
    pub arrived_on: NaiveDate,
}

impl NewCase {
    /// SHA-256 (hex) of what the applicant sent, for binding an idempotency key to
    /// its payload: every field except `arrived_on` (the date a retry arrives is not
    /// part of what was sent). Length-prefixed, so no two payloads share an input.
    pub fn payload_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let unit = self.unit_id.to_string();
        let parts: [&str; 18] = [
            &unit,
            self.channel.code(),
            self.applicant_kind.code(),
            &self.applicant_name,
            self.id_kind.code(),
            &self.id_number,
            &self.legal_rep,
            &self.contact_name,
            &self.phone,
            &self.email,
            &self.address,
            &self.postcode,
            &self.info_title,
            &self.info_doc_no,
            &self.info_description,
            &self.purpose,
            self.delivery_form.code(),
            self.delivery_method.code(),
        ];
        let mut h = Sha256::new();
        for p in parts {
            h.update((p.len() as u64).to_be_bytes());
            h.update(p.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

fn text(
    errors: &mut BTreeMap<String, String>,
    name: &str,
    value: &str,
    label: &str,
    required: bool,
    max: usize,
) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.insert(name.into(), format!("请填写{label}"));
    } else if v.chars().count() > max {
        errors.insert(name.into(), format!("{label}不能超过{max}字"));
    } else if v
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        errors.insert(name.into(), format!("{label}含有不可见的控制字符"));
    }
    v.to_string()
}

/// Why a channel sent by staff is refused: empty, unknown, or 网上申请 (which only
/// the applicant makes, through the portal or the API, and which needs the Art. 31
/// confirmation — registering it as anything else would move the clock).
pub fn staff_channel_error(channel: &str) -> Option<&'static str> {
    match Channel::parse(channel.trim()) {
        _ if channel.trim().is_empty() => Some("请选择申请渠道"),
        None => Some("申请渠道无效：请选择当面提交、挂号信/EMS 邮寄、平信邮寄或传真"),
        Some(Channel::Online) => Some(
            "网上申请由申请人在门户网站或通过接口提交，不能由工作人员登记；请选择当面提交、挂号信/EMS 邮寄、平信邮寄或传真",
        ),
        Some(_) => None,
    }
}

/// Check a submission. `staff` allows the channel and arrival date; the public form
/// is always 网上申请 received today.
pub fn check(
    f: &ApplicationForm,
    units: &[i64],
    staff: bool,
    today: NaiveDate,
) -> Result<NewCase, BTreeMap<String, String>> {
    let mut e = BTreeMap::new();
    let parsed = f.unit_id.trim().parse::<i64>().ok();
    let unit_id = parsed.filter(|u| units.contains(u));
    if parsed.is_none() {
        e.insert("unit_id".into(), "请选择受理机关".into());
    } else if unit_id.is_none() {
        e.insert(
            "unit_id".into(),
            "所选机构不受理依申请公开申请，请从列表中选择受理机关".into(),
        );
    }
    let kind = ApplicantKind::parse(&f.applicant_kind);
    if kind.is_none() {
        e.insert("applicant_kind".into(), "请选择申请人类型".into());
    }
    let natural = kind.is_some_and(ApplicantKind::is_natural);
    let name_label = if natural { "姓名" } else { "单位名称" };
    let applicant_name = text(
        &mut e,
        "applicant_name",
        &f.applicant_name,
        name_label,
        true,
        100,
    );
    let id_kind = IdKind::parse(&f.id_kind);
    let mut id_number = f.id_number.trim().to_string();
    match id_kind {
        None => {
            e.insert("id_kind".into(), "请选择证件类型".into());
        }
        Some(IdKind::IdCard) => match IdCardNo::parse(&id_number) {
            Ok(n) => id_number = n.to_string(),
            Err(m) => {
                e.insert("id_number".into(), m.into());
            }
        },
        Some(IdKind::CreditCode) => match CreditCode::parse(&id_number) {
            Ok(n) => id_number = n.to_string(),
            Err(m) => {
                e.insert("id_number".into(), m.into());
            }
        },
        Some(IdKind::Other) => {
            id_number = text(&mut e, "id_number", &f.id_number, "证件号码", true, 40);
        }
    }
    if let (Some(k), Some(ik)) = (kind, id_kind) {
        if k.is_natural() && ik == IdKind::CreditCode {
            e.insert("id_kind".into(), "自然人请使用身份证件".into());
        }
        if !k.is_natural() && ik == IdKind::IdCard {
            e.insert(
                "id_kind".into(),
                "法人或其他组织请填写统一社会信用代码或其他有效证照".into(),
            );
        }
    }
    let legal_rep = text(
        &mut e,
        "legal_rep",
        &f.legal_rep,
        "法定代表人或负责人",
        !natural && kind.is_some(),
        50,
    );
    let contact_name = text(&mut e, "contact_name", &f.contact_name, "联系人", false, 50);
    let phone = text(&mut e, "phone", &f.phone, "联系电话", true, 30);
    if !phone.is_empty()
        && !phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '+' | '(' | ')'))
    {
        e.insert(
            "phone".into(),
            "联系电话只能包含数字、空格和 - + ( )".into(),
        );
    }
    let email = text(&mut e, "email", &f.email, "电子邮箱", false, 100);
    let email_ok = email.contains('@') && email.contains('.') && !email.contains(' ');
    if !email.is_empty() && !email_ok {
        e.insert("email".into(), "电子邮箱格式不正确".into());
    }
    let address = text(&mut e, "address", &f.address, "通信地址", false, 200);
    let postcode = text(&mut e, "postcode", &f.postcode, "邮政编码", false, 6);
    let postcode_ok = postcode.len() == 6 && postcode.bytes().all(|b| b.is_ascii_digit());
    if !postcode.is_empty() && !postcode_ok {
        e.insert("postcode".into(), "邮政编码应为6位数字".into());
    }
    let info_title = text(&mut e, "info_title", &f.info_title, "信息名称", false, 200);
    let info_doc_no = text(&mut e, "info_doc_no", &f.info_doc_no, "文号", false, 60);
    let info_description = text(
        &mut e,
        "info_description",
        &f.info_description,
        "所需信息的内容描述",
        true,
        2000,
    );
    let purpose = text(&mut e, "purpose", &f.purpose, "用途", false, 500);
    let delivery_form = DeliveryForm::parse(&f.delivery_form);
    if delivery_form.is_none() {
        e.insert("delivery_form".into(), "请选择获取信息的载体形式".into());
    }
    let delivery_method = DeliveryMethod::parse(&f.delivery_method);
    match delivery_method {
        None => {
            e.insert("delivery_method".into(), "请选择获取信息的方式".into());
        }
        Some(DeliveryMethod::Post) if address.is_empty() => {
            e.insert("address".into(), "选择邮寄的，请填写通信地址".into());
        }
        Some(DeliveryMethod::Email) if email.is_empty() => {
            e.insert("email".into(), "选择电子邮件的，请填写电子邮箱".into());
        }
        _ => {}
    }
    let (channel, arrived_on) = if staff {
        let ch = Channel::parse(&f.channel).filter(|c| *c != Channel::Online);
        if let Some(m) = staff_channel_error(&f.channel) {
            e.insert("channel".into(), m.into());
        }
        let on = NaiveDate::parse_from_str(f.arrived_on.trim(), "%Y-%m-%d").ok();
        match on {
            None => {
                e.insert("arrived_on".into(), "请填写收件日期（YYYY-MM-DD）".into());
            }
            Some(d) if d > today => {
                e.insert("arrived_on".into(), "收件日期不能晚于今天".into());
            }
            _ => {}
        }
        (ch.unwrap_or(Channel::InPerson), on.unwrap_or(today))
    } else {
        (Channel::Online, today)
    };
    if !e.is_empty() {
        return Err(e);
    }
    match (unit_id, kind, id_kind, delivery_form, delivery_method) {
        (
            Some(unit_id),
            Some(applicant_kind),
            Some(id_kind),
            Some(delivery_form),
            Some(delivery_method),
        ) => Ok(NewCase {
            unit_id,
            channel,
            applicant_kind,
            applicant_name,
            id_kind,
            id_number,
            legal_rep,
            contact_name,
            phone,
            email,
            address,
            postcode,
            info_title,
            info_doc_no,
            info_description,
            purpose,
            delivery_form,
            delivery_method,
            arrived_on,
        }),
        _ => Err(e),
    }
}

/// How alike two descriptions are: Jaccard similarity of their character bigrams
/// (punctuation and spaces ignored), 0.0–1.0.
pub fn similarity(a: &str, b: &str) -> f64 {
    fn grams(s: &str) -> std::collections::HashSet<(char, char)> {
        let cs: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    }
    let (x, y) = (grams(a), grams(b));
    if x.is_empty() || y.is_empty() {
        return if a.trim() == b.trim() { 1.0 } else { 0.0 };
    }
    let inter = x.intersection(&y).count();
    inter as f64 / (x.len() + y.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ApplicationForm {
        ApplicationForm {
            unit_id: "1".into(),
            applicant_kind: "natural".into(),
            applicant_name: "张三".into(),
            id_kind: "id_card".into(),
            id_number: "11010519491231002X".into(),
            phone: "021-12345678".into(),
            info_description: "2025年本区占道经营整治的处罚决定".into(),
            delivery_form: "email".into(),
            delivery_method: "email".into(),
            email: "a@example.cn".into(),
            ..Default::default()
        }
    }

    #[test]
    fn payload_hash_binds_the_content_not_the_arrival_day() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let a = check(&form(), &[1], false, day).expect("valid");
        let next_day = check(&form(), &[1], false, day.succ_opt().expect("date")).expect("valid");
        assert_eq!(a.payload_hash(), next_day.payload_hash());
        assert_eq!(a.payload_hash().len(), 64);
        let mut f = form();
        f.applicant_name = "李四".into();
        let b = check(&f, &[1], false, day).expect("valid");
        assert_ne!(a.payload_hash(), b.payload_hash());
        // Moving text between fields changes the hash too (length-prefixed parts).
        let mut x = a.clone();
        x.info_title = "ab".into();
        x.info_doc_no = String::new();
        let mut y = a.clone();
        y.info_title = "a".into();
        y.info_doc_no = "b".into();
        assert_ne!(x.payload_hash(), y.payload_hash());
    }

    #[test]
    fn a_valid_form_passes_and_bad_ids_are_named() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        assert!(check(&form(), &[1], false, today).is_ok());
        let mut f = form();
        f.id_number = "110105194912310021".into();
        let e = check(&f, &[1], false, today).expect_err("check digit");
        assert_eq!(e["id_number"], "身份证号校验码不正确，请核对");
        let mut f = form();
        f.applicant_kind = "commercial".into();
        f.id_kind = "credit_code".into();
        f.id_number = "91350100M000100Y44".into();
        let e = check(&f, &[1], false, today).expect_err("credit code");
        assert!(e.contains_key("id_number"));
        assert!(
            e.contains_key("legal_rep"),
            "organisations name their representative"
        );
        let mut f = form();
        f.channel = "in_person".into();
        f.arrived_on = "2026-03-03".into();
        let e = check(&f, &[1], true, today).expect_err("future");
        assert_eq!(e["arrived_on"], "收件日期不能晚于今天");
        let e = check(&ApplicationForm::default(), &[1], false, today).expect_err("empty");
        assert!(e.len() >= 6);
    }

    #[test]
    fn staff_may_not_register_online_or_unknown_channels() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let mut f = form();
        f.arrived_on = "2026-03-02".into();
        for bad in ["online", "email", "", "In_Person"] {
            f.channel = bad.into();
            let e = check(&f, &[1], true, today).expect_err(bad);
            assert!(
                e["channel"].starts_with(if bad.is_empty() {
                    "请选择"
                } else if bad == "online" {
                    "网上申请"
                } else {
                    "申请渠道无效"
                }),
                "{bad}: {}",
                e["channel"]
            );
        }
        for good in ["in_person", "registered_post", "ordinary_letter", "fax"] {
            f.channel = good.into();
            let c = check(&f, &[1], true, today).expect(good);
            assert_eq!(c.channel.code(), good);
        }
    }

    #[test]
    fn similar_descriptions_score_high() {
        assert!(
            similarity(
                "2025年本区占道经营整治的处罚决定",
                "2025年本区占道经营整治处罚决定书"
            ) > 0.7
        );
        assert!(similarity("2025年本区占道经营整治的处罚决定", "渣土运输车辆备案名单") < 0.2);
    }
}
