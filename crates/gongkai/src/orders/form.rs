//! Submitted forms and import rows → a checked new order, or a message per field.
//! One check for the staff form, the 找错 form, the .xlsx import and the APIs.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::model::{ErrorType, Source, Urgency};

/// A checked order to insert (the unit is chosen by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrder {
    pub source: Source,
    /// The number on the source platform; `None`: we number it.
    pub source_no: Option<String>,
    pub service_code: String,
    pub description: String,
    pub address: String,
    pub district: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub urgency: Urgency,
    pub page_url: String,
    pub error_type: Option<ErrorType>,
    pub received_on: NaiveDate,
}

/// The fields of the forms and the import columns (key, column label).
pub const FIELDS: &[(&str, &str)] = &[
    ("source_no", "工单编号"),
    ("service", "诉求类别"),
    ("description", "诉求内容"),
    ("address", "地址"),
    ("district", "所属区"),
    ("lon", "经度"),
    ("lat", "纬度"),
    ("contact_name", "联系人"),
    ("contact_phone", "联系电话"),
    ("urgency", "紧急程度"),
    ("received_on", "受理日期"),
];

pub type Errors = BTreeMap<String, String>;

/// A service given by its code or its name, among the active ones `(code, name)`.
pub fn service_code(given: &str, services: &[(String, String)]) -> Option<String> {
    let g = given.trim();
    services
        .iter()
        .find(|(c, n)| c == g || n == g)
        .map(|(c, _)| c.clone())
}

fn text(e: &mut Errors, key: &str, v: &str, max: usize, label: &str, required: bool) -> String {
    let v = v.trim();
    if required && v.is_empty() {
        e.insert(key.into(), format!("请填写{label}"));
    } else if v.chars().count() > max {
        e.insert(key.into(), format!("{label}不能超过{max}个字"));
    }
    v.to_string()
}

fn coordinate(e: &mut Errors, key: &str, v: &str, range: (f64, f64), label: &str) -> Option<f64> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    match v.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= range.0 && x <= range.1 => Some(x),
        _ => {
            e.insert(
                key.into(),
                format!("{label}应为{}到{}之间的数字", range.0, range.1),
            );
            None
        }
    }
}

/// A phone number as people write it: digits, spaces, hyphens, a leading +.
pub fn phone_ok(p: &str) -> bool {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    (5..=20).contains(&digits)
        && p.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '+' | '(' | ')'))
}

/// Check an order read through `get` (form field or import column by key).
pub fn check(
    get: &dyn Fn(&str) -> String,
    source: Source,
    services: &[(String, String)],
    today: NaiveDate,
) -> Result<NewOrder, Errors> {
    let mut e = Errors::new();
    let source_no = text(
        &mut e,
        "source_no",
        &get("source_no"),
        40,
        "工单编号",
        source.external(),
    );
    if !source_no.is_empty()
        && !source_no
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        e.insert("source_no".into(), "工单编号只能含字母、数字、-和_".into());
    }
    let service_code = match service_code(&get("service"), services) {
        Some(c) => c,
        None => {
            let g = get("service");
            let m = if g.trim().is_empty() {
                "请选择诉求类别".to_string()
            } else {
                format!("诉求类别“{}”不在服务目录中", g.trim())
            };
            e.insert("service".into(), m);
            String::new()
        }
    };
    let description = text(
        &mut e,
        "description",
        &get("description"),
        2000,
        "诉求内容",
        true,
    );
    let address = text(&mut e, "address", &get("address"), 200, "地址", false);
    let district = text(&mut e, "district", &get("district"), 20, "所属区", false);
    let lon = coordinate(&mut e, "lon", &get("lon"), (-180.0, 180.0), "经度");
    let lat = coordinate(&mut e, "lat", &get("lat"), (-90.0, 90.0), "纬度");
    if lat.is_some() != lon.is_some() && !e.contains_key("lat") && !e.contains_key("lon") {
        e.insert("lat".into(), "经度和纬度应同时填写".into());
    }
    let contact_name = text(
        &mut e,
        "contact_name",
        &get("contact_name"),
        50,
        "联系人",
        false,
    );
    let contact_phone = text(
        &mut e,
        "contact_phone",
        &get("contact_phone"),
        30,
        "联系电话",
        false,
    );
    if !contact_phone.is_empty() && !phone_ok(&contact_phone) && !e.contains_key("contact_phone") {
        e.insert("contact_phone".into(), "联系电话格式不正确".into());
    }
    let contact_email = text(
        &mut e,
        "contact_email",
        &get("contact_email"),
        100,
        "电子邮箱",
        false,
    );
    if !contact_email.is_empty() && !contact_email.contains('@') {
        e.insert("contact_email".into(), "电子邮箱格式不正确".into());
    }
    let u = get("urgency");
    let urgency = match u.trim() {
        "" => Urgency::Normal,
        t => Urgency::parse(t)
            .or_else(|| Urgency::from_label(t))
            .unwrap_or_else(|| {
                e.insert("urgency".into(), "紧急程度应为“一般”或“紧急”".into());
                Urgency::Normal
            }),
    };
    let r = get("received_on");
    let received_on = match r.trim() {
        "" => today,
        t => match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(d) if d <= today => d,
            Ok(_) => {
                e.insert("received_on".into(), "受理日期不能晚于今天".into());
                today
            }
            Err(_) => {
                e.insert("received_on".into(), "受理日期应写作 YYYY-MM-DD".into());
                today
            }
        },
    };
    let (page_url, error_type) = if service_code == "website_error" || source == Source::SiteForm {
        let url = text(
            &mut e,
            "page_url",
            &get("page_url"),
            500,
            "出错页面网址",
            source == Source::SiteForm,
        );
        if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
            e.insert(
                "page_url".into(),
                "网址应以 http:// 或 https:// 开头".into(),
            );
        }
        let t = get("error_type");
        let et = ErrorType::parse(t.trim()).or_else(|| ErrorType::from_label(t.trim()));
        if et.is_none() && source == Source::SiteForm {
            e.insert("error_type".into(), "请选择错误类型".into());
        }
        (url, et)
    } else {
        (String::new(), None)
    };
    if !e.is_empty() {
        return Err(e);
    }
    Ok(NewOrder {
        source,
        source_no: Some(source_no).filter(|s| !s.is_empty()),
        service_code,
        description,
        address,
        district,
        lat,
        lon,
        contact_name,
        contact_phone,
        contact_email,
        urgency,
        page_url,
        error_type,
        received_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn services() -> Vec<(String, String)> {
        vec![
            ("street_vending".into(), "占道经营".into()),
            ("website_error".into(), "网站内容纠错".into()),
        ]
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
    }

    fn run(pairs: &[(&str, &str)], source: Source) -> Result<NewOrder, Errors> {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(a, _)| *a == k)
                .map(|(_, v)| v.to_string())
                .unwrap_or_default()
        };
        check(&get, source, &services(), today())
    }

    #[test]
    fn a_hotline_row_by_names() {
        let o = run(
            &[
                ("source_no", "SH12345-2026-0001"),
                ("service", "占道经营"),
                ("description", "南京东路夜市占道"),
                ("lon", "121.48"),
                ("lat", "31.23"),
                ("urgency", "紧急"),
                ("received_on", "2026-11-28"),
            ],
            Source::Hotline,
        )
        .expect("valid");
        assert_eq!(o.service_code, "street_vending");
        assert_eq!(o.urgency, Urgency::Urgent);
        assert_eq!(o.lat, Some(31.23));
    }

    #[test]
    fn every_problem_is_named_in_chinese() {
        let e = run(
            &[
                ("service", "乱停车"),
                ("lat", "95"),
                ("contact_phone", "abc"),
                ("received_on", "2026-12-31"),
            ],
            Source::Hotline,
        )
        .expect_err("invalid");
        assert_eq!(e["source_no"], "请填写工单编号");
        assert_eq!(e["service"], "诉求类别“乱停车”不在服务目录中");
        assert_eq!(e["description"], "请填写诉求内容");
        assert!(e["lat"].starts_with("纬度应为"));
        assert_eq!(e["contact_phone"], "联系电话格式不正确");
        assert_eq!(e["received_on"], "受理日期不能晚于今天");
    }

    #[test]
    fn the_site_form_needs_a_page_and_an_error_type() {
        let e = run(
            &[
                ("service", "website_error"),
                ("description", "错字"),
                ("page_url", "javascript:alert(1)"),
            ],
            Source::SiteForm,
        )
        .expect_err("invalid");
        assert!(e.contains_key("page_url") && e.contains_key("error_type"));
        let o = run(
            &[
                ("service", "website_error"),
                ("description", "“城管”写成了“城关”"),
                ("page_url", "https://cgzf.sh.gov.cn/xxgk/1"),
                ("error_type", "typo"),
            ],
            Source::SiteForm,
        )
        .expect("valid");
        assert_eq!(o.error_type, Some(ErrorType::Typo));
        assert_eq!(o.source_no, None);
    }

    #[test]
    fn one_coordinate_alone_is_refused() {
        let e = run(
            &[
                ("service", "占道经营"),
                ("description", "x"),
                ("lat", "31.2"),
            ],
            Source::Phone,
        )
        .expect_err("invalid");
        assert_eq!(e["lat"], "经度和纬度应同时填写");
    }
}
