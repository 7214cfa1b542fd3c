//! Submitted forms → model types or field errors: the tag form of a document, the
//! subscription form and the self-check questions.

use std::collections::BTreeMap;

use super::industry::tree;
use super::model::{self, Applicability, District, Profile, Scale, Subject, Theme};
use super::store::{Exemption, NewSubscriber};
use crate::web::form::Fields;

pub type Errors = BTreeMap<String, String>;

/// GB/T 4754 codes separated by spaces, commas or 、; each must be in the list.
pub fn industry_codes(raw: &str, max: usize) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for c in raw.split([' ', ',', '，', '、', ';', '；']).map(str::trim) {
        if c.is_empty() {
            continue;
        }
        let c = c.to_ascii_uppercase();
        if tree().get(&c).is_none() {
            return Err(format!("行业代码 {c} 不在 GB/T 4754-2017 中"));
        }
        if !out.contains(&c) {
            out.push(c);
        }
    }
    if out.len() > max {
        return Err(format!("最多填写 {max} 个行业代码"));
    }
    Ok(out)
}

/// The tag form: industries as codes, the other dimensions as checkbox groups,
/// 免罚清单 items one per line as `违法行为 | 免罚条件 | 法律依据`.
pub fn tags(f: &Fields) -> Result<(Applicability, Vec<Exemption>), Errors> {
    let mut e = Errors::new();
    let mut a = Applicability::default();
    match industry_codes(&f.get("industries"), 50) {
        Ok(v) => a.industries = v.into_iter().collect(),
        Err(m) => {
            e.insert("industries".into(), m);
        }
    }
    a.districts = f
        .all("district")
        .iter()
        .filter_map(|c| District::parse(c))
        .map(District::code)
        .collect();
    a.scales = f
        .all("scale")
        .iter()
        .filter_map(|c| Scale::parse(c))
        .map(Scale::code)
        .collect();
    a.subjects = f
        .all("subject")
        .iter()
        .filter_map(|c| Subject::parse(c))
        .map(Subject::code)
        .collect();
    a.themes = f
        .all("theme")
        .iter()
        .filter_map(|c| Theme::parse(c))
        .map(Theme::code)
        .collect();
    let items = match exemptions(&f.get("exemptions")) {
        Ok(v) => v,
        Err(m) => {
            e.insert("exemptions".into(), m);
            Vec::new()
        }
    };
    if e.is_empty() { Ok((a, items)) } else { Err(e) }
}

pub fn exemptions(raw: &str) -> Result<Vec<Exemption>, String> {
    let mut out = Vec::new();
    for (n, line) in raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let parts: Vec<&str> = line.split(['|', '｜']).map(str::trim).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(format!(
                "第 {} 行应为“违法行为 | 免罚条件 | 法律依据”三项",
                n + 1
            ));
        }
        if parts.iter().any(|p| p.chars().count() > 500) {
            return Err(format!("第 {} 行过长（每项不超过 500 字）", n + 1));
        }
        out.push(Exemption {
            seq: n as i64 + 1,
            violation: parts[0].into(),
            conditions: parts[1].into(),
            legal_basis: parts[2].into(),
        });
    }
    if out.len() > 300 {
        return Err("清单最多 300 项".into());
    }
    Ok(out)
}

/// The tag form's text for existing items.
pub fn exemptions_text(items: &[Exemption]) -> String {
    items
        .iter()
        .map(|e| format!("{} | {} | {}", e.violation, e.conditions, e.legal_basis))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The industry a business states: a 大类 from the list, or a finer code under it.
fn industry(f: &Fields, e: &mut Errors) -> Vec<String> {
    let division = f.get("division");
    let fine = f.get("industry").to_ascii_uppercase();
    let t = tree();
    let held = if !fine.is_empty() {
        match t.get(&fine) {
            Some(i) if division.is_empty() || t.covers(&division, i.code) => i.code.to_string(),
            Some(_) => {
                e.insert("industry".into(), "细分行业代码不属于所选行业大类".into());
                return Vec::new();
            }
            None => {
                e.insert("industry".into(), "行业代码不在 GB/T 4754-2017 中".into());
                return Vec::new();
            }
        }
    } else {
        division
    };
    if t.get(&held).is_none() {
        e.insert("division".into(), "请选择行业".into());
        return Vec::new();
    }
    vec![held]
}

fn choice<T>(
    f: &Fields,
    name: &str,
    parse: fn(&str) -> Option<T>,
    msg: &str,
    e: &mut Errors,
) -> Option<T> {
    let v = parse(&f.get(name));
    if v.is_none() {
        e.insert(name.into(), msg.into());
    }
    v
}

/// The self-check questions (subject type defaults to 企业).
pub fn profile(f: &Fields) -> Result<Profile, Errors> {
    let mut e = Errors::new();
    let industries = industry(f, &mut e);
    let district = choice(f, "district", District::parse, "请选择所在区", &mut e);
    let scale = choice(f, "scale", Scale::parse, "请选择企业规模", &mut e);
    let subject = if f.get("subject").is_empty() {
        Some(Subject::Enterprise)
    } else {
        choice(f, "subject", Subject::parse, "主体类型无效", &mut e)
    };
    let themes = f
        .all("theme")
        .iter()
        .filter_map(|t| Theme::parse(t))
        .collect();
    match (district, scale, subject) {
        (Some(district), Some(scale), Some(subject)) if e.is_empty() => Ok(Profile {
            industries,
            district,
            scale,
            subject,
            themes,
        }),
        _ => Err(e),
    }
}

fn email_ok(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.len() <= 254
        && s.chars().all(|c| {
            c.is_ascii_graphic() && !matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '"' | '\\')
        })
        && s.matches('@').count() == 1
}

/// The subscription form (`with_code`: new subscriptions give the 统一社会信用代码
/// and e-mail; a change keeps them).
pub fn subscription(f: &Fields, with_code: bool) -> Result<NewSubscriber, Errors> {
    let mut e = match profile(f) {
        Ok(_) => Errors::new(),
        Err(e) => e,
    };
    let p = profile(f).ok();
    let mut code = String::new();
    let mut email = String::new();
    if with_code {
        match crate::ids::CreditCode::parse(&f.get("credit_code")) {
            Ok(c) => code = c.as_str().to_string(),
            Err(m) => {
                e.insert("credit_code".into(), m.into());
            }
        }
        email = f.get("email").to_ascii_lowercase();
        if !email_ok(&email) {
            e.insert("email".into(), "请填写有效的电子邮箱".into());
        }
        if !f.checked("consent") {
            e.insert("consent".into(), "请阅读并同意个人信息处理说明".into());
        }
    }
    let name = f.get("name");
    if name.is_empty() || name.chars().count() > 100 {
        e.insert("name".into(), "请填写单位名称（不超过 100 字）".into());
    }
    match p {
        Some(p) if e.is_empty() => Ok(NewSubscriber {
            credit_code: code,
            name,
            email,
            industries: model::join_codes(p.industries.iter().map(String::as_str)),
            district: p.district.code().into(),
            scale: p.scale.code().into(),
            subject: p.subject.code().into(),
            themes: model::join_codes(p.themes.iter().map(|t| t.code())),
        }),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(v: &[(&str, &str)]) -> Fields {
        Fields(
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn exemption_lines_need_three_parts() {
        let ok = exemptions("未按规定设置标识 | 首次违法且及时改正 | 《条例》第十条\n\n")
            .expect("one item");
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].legal_basis, "《条例》第十条");
        assert!(exemptions("只有一项").is_err());
        assert!(exemptions("a | | c").is_err());
        assert_eq!(
            exemptions_text(&ok),
            "未按规定设置标识 | 首次违法且及时改正 | 《条例》第十条"
        );
    }

    #[test]
    fn the_profile_takes_the_finer_code_under_its_division() {
        let p = profile(&fields(&[
            ("division", "14"),
            ("industry", "1431"),
            ("district", "310115"),
            ("scale", "small"),
        ]))
        .expect("valid");
        assert_eq!(p.industries, vec!["1431".to_string()]);
        assert_eq!(p.subject, Subject::Enterprise);
        let e = profile(&fields(&[
            ("division", "13"),
            ("industry", "1431"),
            ("district", "310115"),
            ("scale", "small"),
        ]))
        .expect_err("not under 13");
        assert!(e.contains_key("industry"));
        let e = profile(&fields(&[("division", "")])).expect_err("empty");
        assert!(
            e.contains_key("division") && e.contains_key("district") && e.contains_key("scale")
        );
    }

    #[test]
    fn emails_are_checked() {
        assert!(email_ok("a.b@example.cn"));
        for bad in [
            "",
            "a",
            "a@b",
            "a@@b.cn",
            "a b@c.cn",
            "a@b.cn\r\nBcc: x@y.cn",
            "<a@b.cn>",
        ] {
            assert!(!email_ok(bad), "{bad:?}");
        }
    }
}
