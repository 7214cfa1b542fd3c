//! Parsing the back-office event form and the public registration (page or API).

use chrono::{DateTime, NaiveDateTime, Utc};

use super::model::{self, Audience};
use super::service::Registration;
use super::store::NewEvent;
use crate::error::AppError;
use crate::web::form::Fields;

/// `2027-07-15T09:00` or `2027-07-15 09:00`, Beijing time.
pub fn parse_local(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim().replace('T', " ");
    let naive = NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M").ok()?;
    naive
        .and_local_timezone(crate::clock::beijing())
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// The sessions typed one per line: `地点 | 2027-07-15 09:00 | 名额`.
pub fn parse_sessions(text: &str) -> Result<Vec<(String, DateTime<Utc>, i64)>, String> {
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let parts: Vec<&str> = line.split(['|', '｜']).map(str::trim).collect();
        let bad = || format!("第 {} 行应为“地点 | 2027-07-15 09:00 | 名额”", n + 1);
        let [place, at, cap] = parts.as_slice() else {
            return Err(bad());
        };
        let at = parse_local(at).ok_or_else(bad)?;
        let cap: i64 = cap.parse().map_err(|_| bad())?;
        if place.is_empty() || place.chars().count() > 100 || !(1..=10_000).contains(&cap) {
            return Err(bad());
        }
        out.push((place.to_string(), at, cap));
    }
    if out.is_empty() || out.len() > 20 {
        return Err("请填写 1–20 个场次".into());
    }
    Ok(out)
}

pub type NewEventWithSessions = (NewEvent, Vec<(String, DateTime<Utc>, i64)>);

/// The back-office form of a new event.
pub fn event(f: &Fields, unit_id: i64) -> Result<NewEventWithSessions, AppError> {
    let title = f.required("title", "活动名称", 100)?;
    let opens_at = parse_local(&f.get("opens_at"))
        .ok_or_else(|| AppError::field("opens_at", "请填写报名开始时间"))?;
    let closes_at = parse_local(&f.get("closes_at"))
        .filter(|c| *c > opens_at)
        .ok_or_else(|| AppError::field("closes_at", "请填写报名截止时间（晚于开始时间）"))?;
    let max_group: i64 = f
        .get("max_group")
        .parse()
        .ok()
        .filter(|n| (1..=model::GROUP_LIMIT).contains(n))
        .ok_or_else(|| AppError::field("max_group", "每份报名人数上限应为 1–10"))?;
    let audience = Audience::parse(&f.get("audience"))
        .ok_or_else(|| AppError::field("audience", "请选择报名对象"))?;
    let sessions =
        parse_sessions(&f.get("sessions")).map_err(|m| AppError::field("sessions", &m))?;
    let limit = |name: &str, max: usize| -> Result<String, AppError> {
        let v = f.get(name);
        if v.chars().count() > max {
            return Err(AppError::field(name, &format!("不能超过{max}字")));
        }
        Ok(v)
    };
    Ok((
        NewEvent {
            title,
            description: limit("description", 4000)?,
            programme: limit("programme", 2000)?,
            accessibility: limit("accessibility", 1000)?,
            audience,
            max_group,
            opens_at,
            closes_at,
            unit_id,
        },
        sessions,
    ))
}

/// A public registration, from the page's fields or the API's JSON.
pub fn registration(
    session_id: &str,
    name: &str,
    phone: &str,
    group_size: &str,
    id_type: &str,
) -> Result<Registration, AppError> {
    let mut errors = std::collections::BTreeMap::new();
    let session_id: i64 = session_id.trim().parse().unwrap_or_else(|_| {
        errors.insert("session_id".to_string(), "请选择场次".to_string());
        0
    });
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 30 {
        errors.insert("name".into(), "请填写姓名（不超过30字）".into());
    }
    let phone = model::normalise_phone(phone).unwrap_or_else(|m| {
        errors.insert("phone".into(), m.into());
        String::new()
    });
    let group_size: i64 = group_size.trim().parse().unwrap_or_else(|_| {
        errors.insert("group_size".into(), "请填写人数".into());
        0
    });
    let id_type = id_type.trim();
    if !["", "居民身份证", "护照", "港澳台居民居住证", "其他"].contains(&id_type) {
        errors.insert("id_type".into(), "请选择证件类型".into());
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    Ok(Registration {
        session_id,
        name: name.to_string(),
        phone,
        group_size,
        id_type: id_type.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_are_read_one_per_line() {
        let s = parse_sessions(
            "执法总队指挥中心 | 2027-07-15 09:00 | 30\n\n黄浦中队｜2027-07-15T14:00｜20",
        )
        .expect("sessions");
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].2, 20);
        assert_eq!(crate::clock::fmt_local(&s[0].1), "2027-07-15 09:00");
        assert!(parse_sessions("只有地点").is_err());
        assert!(parse_sessions("地点 | 2027-07-15 09:00 | 0").is_err());
        assert!(parse_sessions("").is_err());
    }

    #[test]
    fn registrations_are_checked_field_by_field() {
        assert!(registration("3", "张三", "13800138000", "2", "").is_ok());
        assert!(registration("x", "", "123", "a", "驾照").is_err());
    }
}
