//! Back-office forms → model types or field errors: a push platform, a row of the
//! subscribers import, a theme and a measure.

use chrono::NaiveDate;

use super::form::{Errors, industry_codes};
use super::model::{self, District, Scale, Subject, Theme};
use super::store::NewSubscriber;
use crate::web::form::Fields;

/// A platform as entered: name, URL, secret (`None`: keep the stored one), active.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformInput {
    pub name: String,
    pub url: String,
    pub secret: Option<String>,
    pub active: bool,
}

/// The platform form; a new platform needs its secret, an edit may leave it empty.
pub fn platform(f: &Fields, new: bool) -> Result<PlatformInput, Errors> {
    let mut e = Errors::new();
    let name = f.get("name");
    if name.is_empty() || name.chars().count() > 50 {
        e.insert("name".into(), "请填写平台名称（不超过 50 字）".into());
    }
    let url = f.get("url");
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.len() > 500
        || url.contains(char::is_whitespace)
    {
        e.insert(
            "url".into(),
            "接收地址应以 https:// 或 http:// 开头，不含空格".into(),
        );
    }
    let secret = f.get("secret");
    let secret = if secret.is_empty() && !new {
        None
    } else if secret.chars().count() < 16 || secret.len() > 200 || !secret.is_ascii() {
        e.insert(
            "secret".into(),
            "签名密钥为 16 至 200 个英文字母、数字或符号".into(),
        );
        None
    } else {
        Some(secret)
    };
    if !e.is_empty() {
        return Err(e);
    }
    Ok(PlatformInput {
        name,
        url,
        secret,
        active: new || f.checked("active"),
    })
}

/// The columns of the subscribers import: key, header label.
pub const IMPORT_FIELDS: &[(&str, &str)] = &[
    ("credit_code", "统一社会信用代码"),
    ("name", "单位名称"),
    ("industry", "行业代码"),
    ("district", "所在区"),
    ("scale", "企业规模"),
    ("subject", "主体类型"),
    ("themes", "关注主题"),
];

pub const IMPORT_REQUIRED: &[&str] = &["credit_code", "name", "industry", "district", "scale"];

fn code_or_label<T: Copy>(
    raw: &str,
    parse: fn(&str) -> Option<T>,
    from_label: fn(&str) -> Option<T>,
) -> Option<T> {
    parse(raw).or_else(|| from_label(raw))
}

/// One row of the import (`get`: the cell under a column key), or its problems.
pub fn import_row(get: &dyn Fn(&str) -> String) -> Result<NewSubscriber, String> {
    let mut bad: Vec<String> = Vec::new();
    let credit_code = match crate::ids::CreditCode::parse(&get("credit_code")) {
        Ok(c) => c.as_str().to_string(),
        Err(m) => {
            bad.push(m.to_string());
            String::new()
        }
    };
    let name = get("name");
    if name.is_empty() || name.chars().count() > 100 {
        bad.push("单位名称须填写，不超过 100 字".into());
    }
    let industries = match industry_codes(&get("industry"), 10) {
        Ok(v) if v.is_empty() => {
            bad.push("行业代码须填写".into());
            v
        }
        Ok(v) => v,
        Err(m) => {
            bad.push(m);
            Vec::new()
        }
    };
    let district = code_or_label(&get("district"), District::parse, District::from_label);
    if district.is_none() {
        bad.push(format!("所在区“{}”无法识别", get("district")));
    }
    let scale = code_or_label(&get("scale"), Scale::parse, Scale::from_label);
    if scale.is_none() {
        bad.push(format!(
            "企业规模“{}”应为大型、中型、小型或微型",
            get("scale")
        ));
    }
    let subject_raw = get("subject");
    let subject = if subject_raw.is_empty() {
        Some(Subject::Enterprise)
    } else {
        code_or_label(&subject_raw, Subject::parse, Subject::from_label)
    };
    if subject.is_none() {
        bad.push(format!("主体类型“{subject_raw}”无法识别"));
    }
    let mut themes: Vec<Theme> = Vec::new();
    for t in get("themes")
        .split(['、', ',', '，', ';', '；', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        match code_or_label(t, Theme::parse, Theme::from_label) {
            Some(th) if !themes.contains(&th) => themes.push(th),
            Some(_) => {}
            None => bad.push(format!("主题“{t}”无法识别")),
        }
    }
    match (district, scale, subject) {
        (Some(d), Some(sc), Some(su)) if bad.is_empty() => Ok(NewSubscriber {
            credit_code,
            name,
            email: String::new(),
            industries: model::join_codes(industries.iter().map(String::as_str)),
            district: d.code().into(),
            scale: sc.code().into(),
            subject: su.code().into(),
            themes: model::join_codes(themes.iter().map(|t| t.code())),
        }),
        _ => Err(bad.join("；")),
    }
}

/// A theme: slug (lowercase letters, digits and -), title, intro, published.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeInput {
    pub slug: String,
    pub title: String,
    pub intro: String,
    pub published: bool,
}

pub fn theme(f: &Fields) -> Result<ThemeInput, Errors> {
    let mut e = Errors::new();
    let slug = f.get("slug").to_ascii_lowercase();
    if slug.is_empty()
        || slug.len() > 60
        || slug.starts_with('-')
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        e.insert(
            "slug".into(),
            "网址名为小写英文字母、数字和连字符，不超过 60 个字符".into(),
        );
    }
    let title = f.get("title");
    if title.is_empty() || title.chars().count() > 100 {
        e.insert("title".into(), "请填写主题名称（不超过 100 字）".into());
    }
    let intro = f.get("intro");
    if intro.chars().count() > 2000 {
        e.insert("intro".into(), "说明不超过 2000 字".into());
    }
    if !e.is_empty() {
        return Err(e);
    }
    Ok(ThemeInput {
        slug,
        title,
        intro,
        published: f.checked("published"),
    })
}

/// A measure as entered (its tags are `form::tags`).
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureInput {
    pub seq: i64,
    pub title: String,
    pub gives: String,
    pub conditions: String,
    pub how_to_apply: String,
    pub contact: String,
    pub basis_document_id: Option<i64>,
    pub basis_article: String,
    pub valid_until: Option<NaiveDate>,
}

pub fn measure(f: &Fields) -> Result<MeasureInput, Errors> {
    let mut e = Errors::new();
    let mut text = |k: &str, label: &str, required: bool, max: usize| {
        let v = f.get(k);
        if (required && v.is_empty()) || v.chars().count() > max {
            let need = if required { "须填写，" } else { "" };
            e.insert(k.into(), format!("{label}{need}不超过 {max} 字"));
        }
        v
    };
    let title = text("title", "措施名称", true, 200);
    let gives = text("gives", "政策内容（给予什么）", true, 2000);
    let conditions = text("conditions", "申请条件", false, 2000);
    let how_to_apply = text("how_to_apply", "申请渠道、材料和时限", false, 2000);
    let contact = text("contact", "咨询电话或联系人", false, 200);
    let basis_article = text("basis_article", "依据条款", false, 100);
    let seq = match f.get("seq").as_str() {
        "" => 0,
        s => s
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=9999).contains(n))
            .unwrap_or_else(|| {
                e.insert("seq".into(), "序号为 0 至 9999 的整数".into());
                0
            }),
    };
    let basis_document_id = match f.get("basis_document_id").as_str() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                e.insert("basis_document_id".into(), "依据文件编号应为正整数".into());
                None
            }
        },
    };
    let valid_until = match f.get("valid_until").as_str() {
        "" => None,
        s => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                e.insert("valid_until".into(), "有效期至应写作 YYYY-MM-DD".into());
                None
            }
        },
    };
    if !e.is_empty() {
        return Err(e);
    }
    Ok(MeasureInput {
        seq,
        title,
        gives,
        conditions,
        how_to_apply,
        contact,
        basis_document_id,
        basis_article,
        valid_until,
    })
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
    fn a_platform_needs_a_url_and_a_long_secret() {
        let ok = platform(
            &fields(&[
                ("name", "随申办·企业云"),
                ("url", "https://qyy.example.gov.cn/push"),
                ("secret", "0123456789abcdef"),
            ]),
            true,
        )
        .expect("valid");
        assert!(ok.active && ok.secret.is_some());
        let e = platform(
            &fields(&[("name", ""), ("url", "ftp://x"), ("secret", "short")]),
            true,
        )
        .expect_err("bad");
        assert_eq!(e.len(), 3);
        // An edit may keep the secret, and may switch the platform off.
        let kept = platform(
            &fields(&[("name", "一网通办"), ("url", "https://a.example.cn/p")]),
            false,
        )
        .expect("keep");
        assert_eq!((kept.secret, kept.active), (None, false));
    }

    #[test]
    fn import_rows_take_codes_or_labels_and_list_every_problem() {
        let code = crate::ids::credit_code_with_check("91310115MA1K4CH3X").expect("code");
        let row = |cells: Vec<(&'static str, String)>| {
            move |k: &str| {
                cells
                    .iter()
                    .find(|(c, _)| *c == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            }
        };
        let good = row(vec![
            ("credit_code", code.clone()),
            ("name", "上海某食品有限公司".into()),
            ("industry", "1431".into()),
            ("district", "浦东新区".into()),
            ("scale", "微型".into()),
            ("themes", "食品生产、轻微免罚".into()),
        ]);
        let s = import_row(&good).expect("valid");
        assert_eq!(
            (
                s.district.as_str(),
                s.scale.as_str(),
                s.subject.as_str(),
                s.themes.as_str()
            ),
            (
                "310115",
                "micro",
                "enterprise",
                "food_production minor_exemption"
            )
        );
        assert!(s.email.is_empty());
        let bad = row(vec![
            ("credit_code", "91310115MA1K4CH3X0".into()),
            ("name", "某公司".into()),
            ("industry", "9999".into()),
            ("district", "火星".into()),
            ("scale", "巨型".into()),
        ]);
        let m = import_row(&bad).expect_err("bad");
        for part in ["统一社会信用代码", "9999", "火星", "巨型"] {
            assert!(m.contains(part), "{m}");
        }
    }

    #[test]
    fn measures_check_their_fields() {
        let m = measure(&fields(&[
            ("title", "食品生产许可告知承诺"),
            ("gives", "当场发证"),
            ("basis_document_id", "12"),
            ("basis_article", "第十条"),
            ("valid_until", "2027-12-31"),
            ("seq", "3"),
        ]))
        .expect("valid");
        assert_eq!(m.basis_document_id, Some(12));
        assert_eq!(m.seq, 3);
        let e = measure(&fields(&[
            ("title", ""),
            ("gives", ""),
            ("basis_document_id", "x"),
            ("valid_until", "2027/12/31"),
        ]))
        .expect_err("bad");
        for k in ["title", "gives", "basis_document_id", "valid_until"] {
            assert!(e.contains_key(k), "{k}");
        }
        assert!(theme(&fields(&[("slug", "Food Pro"), ("title", "食品")])).is_err());
        assert!(
            theme(&fields(&[
                ("slug", "food-2027"),
                ("title", "食品生产"),
                ("published", "on")
            ]))
            .expect("theme")
            .published
        );
    }
}
