//! Parsing the public application (page or API) and the back-office meeting form.

use std::collections::BTreeMap;

use super::model::{self, Body, Category};
use super::service::Application;
use super::store::NewMeeting;
use crate::error::AppError;
use crate::web::form::Fields;

/// Check an application's fields (page or API).
pub fn application(get: &dyn Fn(&str) -> String) -> Result<Application, AppError> {
    let mut errors = BTreeMap::new();
    let category = Category::parse(&get("category"));
    if category.is_none() {
        errors.insert("category".to_string(), "请选择席位类别".to_string());
    }
    let name = get("name");
    if name.is_empty() || name.chars().count() > 30 {
        errors.insert("name".into(), "请填写姓名（不超过30字）".into());
    }
    let phone = crate::events::model::normalise_phone(&get("phone")).unwrap_or_else(|m| {
        errors.insert("phone".into(), m.into());
        String::new()
    });
    let reason = get("reason");
    if reason.is_empty() || reason.chars().count() > 500 {
        errors.insert(
            "reason".into(),
            "请说明关注的议题和理由（不超过500字）".into(),
        );
    }
    let organisation = get("organisation");
    if organisation.chars().count() > 100 {
        errors.insert("organisation".into(), "单位名称不能超过100字".into());
    }
    let mut credit_code = String::new();
    if let Some(c) = category {
        match model::check_eligibility(&model::Eligibility {
            category: c,
            organisation: &organisation,
            credit_code: &get("credit_code"),
        }) {
            Ok(code) => credit_code = code,
            Err((field, m)) => {
                errors.insert(field.into(), m);
            }
        }
    }
    match category {
        Some(category) if errors.is_empty() => Ok(Application {
            category,
            name,
            phone,
            organisation,
            credit_code,
            reason,
            publish_name: matches!(get("publish_name").as_str(), "on" | "1" | "true"),
        }),
        _ => Err(AppError::validation(errors)),
    }
}

/// Topics one per line: `议题 | 文件链接（可空）`.
pub fn topics(text: &str) -> Result<Vec<(String, String)>, String> {
    let out: Vec<(String, String)> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut p = l.splitn(2, ['|', '｜']).map(str::trim);
            (
                p.next().unwrap_or_default().to_string(),
                p.next().unwrap_or_default().to_string(),
            )
        })
        .collect();
    if out.is_empty()
        || out.len() > 20
        || out
            .iter()
            .any(|(t, u)| t.is_empty() || t.chars().count() > 200 || u.len() > 500)
    {
        return Err("请填写 1–20 个议题，每行：议题 | 文件链接（可空）".into());
    }
    Ok(out)
}

pub type NewMeetingForm = (NewMeeting, Vec<(String, String)>, Vec<(Category, i64)>);

/// The back-office form of a new meeting: seats per category in `seats_<code>`.
pub fn meeting(f: &Fields, unit_id: i64) -> Result<NewMeetingForm, AppError> {
    let parse = crate::events::form::parse_local;
    let body =
        Body::parse(&f.get("body")).ok_or_else(|| AppError::field("body", "请选择会议类型"))?;
    let title = f.required("title", "会议名称", 100)?;
    let held_at =
        parse(&f.get("held_at")).ok_or_else(|| AppError::field("held_at", "请填写会议时间"))?;
    let apply_opens_at = parse(&f.get("apply_opens_at"))
        .ok_or_else(|| AppError::field("apply_opens_at", "请填写报名开始时间"))?;
    let apply_closes_at = parse(&f.get("apply_closes_at"))
        .filter(|c| *c > apply_opens_at && *c <= held_at)
        .ok_or_else(|| AppError::field("apply_closes_at", "报名截止应晚于开始、不晚于会议时间"))?;
    let topics = topics(&f.get("topics")).map_err(|m| AppError::field("topics", &m))?;
    let mut seats = Vec::new();
    for c in Category::ALL {
        let v = f.get(&format!("seats_{}", c.code()));
        let n: i64 = if v.is_empty() {
            0
        } else {
            v.parse()
                .ok()
                .filter(|n| (0..=50).contains(n))
                .ok_or_else(|| AppError::field(&format!("seats_{}", c.code()), "席位数应为 0–50"))?
        };
        if n > 0 {
            seats.push((*c, n));
        }
    }
    if seats.is_empty() {
        return Err(AppError::field("seats_public", "请至少设置一类席位"));
    }
    let place: String = f.get("place").chars().take(100).collect();
    Ok((
        NewMeeting {
            body,
            title,
            held_at,
            place,
            apply_opens_at,
            apply_closes_at,
            unit_id,
        },
        topics,
        seats,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn topics_are_read_one_per_line() {
        let t =
            super::topics("占道经营管理办法修订 | /xxgk/docs/12\n夜间施工审批").expect("topics");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].1, "/xxgk/docs/12");
        assert!(super::topics("").is_err());
    }
}
