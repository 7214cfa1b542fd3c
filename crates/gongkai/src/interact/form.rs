//! A submitted letter (form or JSON) checked into a [`NewMessage`] or field errors;
//! one set of rules for the portal and the API.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::model::MessageKind;

/// Longest subject and content, in characters.
pub const MAX_SUBJECT: usize = 60;
pub const MAX_CONTENT: usize = 3000;

/// The fields of a letter as submitted; all text.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MessageForm {
    /// consult（咨询） | complaint（投诉） | suggestion（建议） | help（求助）
    pub kind: String,
    /// 受理单位（机构编号）
    pub unit_id: String,
    /// 标题，不超过60字
    pub subject: String,
    /// 内容，不超过3000字
    pub content: String,
    /// 姓名（不公开）
    pub name: String,
    /// 联系电话（不公开）
    pub phone: String,
    /// 电子邮箱（可不填，不公开）
    pub email: String,
    /// "yes"：同意将留言和答复公开（个人信息不公开）
    pub consent: String,
}

/// A checked letter.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub kind: MessageKind,
    pub unit_id: i64,
    pub subject: String,
    pub content: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
}

/// A text field trimmed and checked: required, length, no control characters.
pub fn text(
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
        errors.insert(
            name.into(),
            format!("{label}不能超过{max}字（现为{}字）", v.chars().count()),
        );
    } else if v
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        errors.insert(name.into(), format!("{label}含有不可见的控制字符"));
    }
    v.to_string()
}

/// A phone number as digits (spaces, dashes and +86 dropped), or the error.
pub fn phone(value: &str) -> Result<String, &'static str> {
    let v = value.trim();
    if v.is_empty() {
        return Err("请填写联系电话，用于联系您核实情况（不公开）");
    }
    if !v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '+' | '(' | ')'))
    {
        return Err("联系电话只能包含数字、空格和 - + ( )");
    }
    let mut digits: String = v.chars().filter(char::is_ascii_digit).collect();
    if v.starts_with('+') && digits.starts_with("86") {
        digits = digits[2..].to_string();
    }
    if !(7..=12).contains(&digits.len()) {
        return Err("联系电话应为7至12位数字（手机号11位）");
    }
    Ok(digits)
}

/// Check a letter; `units` are those that receive letters.
pub fn check(f: &MessageForm, units: &[i64]) -> Result<NewMessage, BTreeMap<String, String>> {
    let mut e = BTreeMap::new();
    let kind = MessageKind::parse(f.kind.trim());
    if kind.is_none() {
        e.insert("kind".into(), "请选择留言类型".into());
    }
    let unit_id = match f.unit_id.trim().parse::<i64>() {
        Ok(u) if units.contains(&u) => Some(u),
        Ok(_) => {
            e.insert(
                "unit_id".into(),
                "所选单位不受理留言，请从列表中选择".into(),
            );
            None
        }
        Err(_) if units.len() == 1 && f.unit_id.trim().is_empty() => units.first().copied(),
        Err(_) => {
            e.insert("unit_id".into(), "请选择受理单位".into());
            None
        }
    };
    let subject = text(&mut e, "subject", &f.subject, "标题", true, MAX_SUBJECT);
    let content = text(&mut e, "content", &f.content, "留言内容", true, MAX_CONTENT);
    if !content.is_empty() && content.chars().filter(|c| c.is_alphanumeric()).count() < 5 {
        e.entry("content".into())
            .or_insert_with(|| "留言内容过短，请写明具体事项".into());
    }
    let name = text(&mut e, "name", &f.name, "姓名", true, 30);
    let phone = match phone(&f.phone) {
        Ok(p) => p,
        Err(m) => {
            e.insert("phone".into(), m.into());
            String::new()
        }
    };
    let email = text(&mut e, "email", &f.email, "电子邮箱", false, 100);
    let email_ok = email.contains('@') && email.contains('.') && !email.contains(' ');
    if !email.is_empty() && !email_ok {
        e.insert("email".into(), "电子邮箱格式不正确".into());
    }
    let consent = match f.consent.trim() {
        "yes" | "on" | "true" | "1" => true,
        "no" | "" | "false" | "0" => false,
        _ => {
            e.insert("consent".into(), "请选择是否同意公开".into());
            false
        }
    };
    match (kind, unit_id) {
        (Some(kind), Some(unit_id)) if e.is_empty() => Ok(NewMessage {
            kind,
            unit_id,
            subject,
            content,
            name,
            phone,
            email,
            consent,
        }),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> MessageForm {
        MessageForm {
            kind: "complaint".into(),
            unit_id: "1".into(),
            subject: "夜间施工噪声".into(),
            content: "小区门口夜间施工噪声扰民。".into(),
            name: "张伟".into(),
            phone: "139 1234 5678".into(),
            email: String::new(),
            consent: "yes".into(),
        }
    }

    #[test]
    fn a_good_letter_passes_with_the_phone_as_digits() {
        let m = check(&good(), &[1]).expect("valid");
        assert_eq!(m.phone, "13912345678");
        assert!(m.consent);
        assert_eq!(phone("+86 139-1234-5678"), Ok("13912345678".into()));
    }

    #[test]
    fn every_bad_field_has_its_chinese_message() {
        let f = MessageForm {
            kind: "rant".into(),
            unit_id: "9".into(),
            subject: "长".repeat(MAX_SUBJECT + 1),
            content: " ".into(),
            name: String::new(),
            phone: "call me".into(),
            email: "x".into(),
            consent: "maybe".into(),
        };
        let e = check(&f, &[1]).expect_err("invalid");
        for k in [
            "kind", "unit_id", "subject", "content", "name", "phone", "email", "consent",
        ] {
            assert!(e.contains_key(k), "{k}: {e:?}");
        }
        assert!(e["subject"].contains("不能超过60字"), "{e:?}");
        let long = MessageForm {
            content: "字".repeat(MAX_CONTENT + 1),
            ..good()
        };
        assert!(check(&long, &[1]).expect_err("long")["content"].contains("3000"));
        let short = MessageForm {
            phone: "123".into(),
            ..good()
        };
        assert!(check(&short, &[1]).is_err());
    }

    #[test]
    fn the_only_unit_is_chosen_when_none_is_sent() {
        let f = MessageForm {
            unit_id: String::new(),
            ..good()
        };
        assert_eq!(check(&f, &[7]).expect("one unit").unit_id, 7);
        assert!(check(&f, &[7, 8]).is_err());
    }
}
