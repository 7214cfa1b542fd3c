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
    /// The 办结 deadline the source platform set (a 12345 push), instead of ours.
    pub due: Option<NaiveDate>,
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
        due: None,
    })
}

/// A work order pushed by a source platform (`POST /api/v1/orders/12345`): every
/// field optional in the type so that a missing one is named in Chinese.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PushedOrder {
    /// 平台工单编号（同一平台内唯一；重复推送返回已有工单，不会重复登记）
    pub order_no: String,
    /// 平台受理（派单）时间，RFC 3339 带时区，如 2026-12-01T09:15:00+08:00
    pub received_at: String,
    /// 诉求类别：服务目录的代码或名称，如 street_vending 或“占道经营”
    pub category: String,
    /// 诉求内容
    pub content: String,
    pub location: PushedLocation,
    /// 诉求人联系方式（只在后台显示，不公开）
    pub contact: PushedContact,
    /// 平台规定的办结时限（YYYY-MM-DD）；不填按本站设置的工作日时限
    pub deadline: String,
    /// 紧急程度：normal/一般 或 urgent/紧急；不填为一般
    pub urgency: String,
    /// 找错工单：出错页面网址
    pub page_url: String,
    /// 找错工单：错误类型（typo、broken_link、outdated、unreachable、other 或中文名称）
    pub error_type: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PushedLocation {
    pub address: String,
    /// 所属区（按区分派承办单位）
    pub district: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PushedContact {
    pub name: String,
    pub phone: String,
    pub email: String,
}

/// Check a pushed order: the shared check, plus the platform's time (not in the
/// future) and its 办结 deadline (not before the order was received).
pub fn check_pushed(
    p: &PushedOrder,
    source: Source,
    services: &[(String, String)],
    today: NaiveDate,
) -> Result<NewOrder, Errors> {
    let mut e = Errors::new();
    let received = chrono::DateTime::parse_from_rfc3339(p.received_at.trim())
        .ok()
        .map(|t| t.with_timezone(&crate::clock::beijing()).date_naive());
    match received {
        None => {
            e.insert(
                "received_at".into(),
                "请填写平台受理时间（RFC 3339，带时区，如 2026-12-01T09:15:00+08:00）".into(),
            );
        }
        Some(d) if d > today => {
            e.insert("received_at".into(), "平台受理时间不能晚于今天".into());
        }
        _ => {}
    }
    let due = match p.deadline.trim() {
        "" => None,
        t => match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(d) if received.is_some_and(|r| d < r) => {
                e.insert("deadline".into(), "办结时限不能早于平台受理日期".into());
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                e.insert("deadline".into(), "办结时限应写作 YYYY-MM-DD".into());
                None
            }
        },
    };
    let coord = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let received_on = received.filter(|d| *d <= today).unwrap_or(today);
    let get = |k: &str| match k {
        "source_no" => p.order_no.clone(),
        "service" => p.category.clone(),
        "description" => p.content.clone(),
        "address" => p.location.address.clone(),
        "district" => p.location.district.clone(),
        "lat" => coord(p.location.lat),
        "lon" => coord(p.location.lon),
        "contact_name" => p.contact.name.clone(),
        "contact_phone" => p.contact.phone.clone(),
        "contact_email" => p.contact.email.clone(),
        "urgency" => p.urgency.clone(),
        "received_on" => received_on.to_string(),
        "page_url" => p.page_url.clone(),
        "error_type" => p.error_type.clone(),
        _ => String::new(),
    };
    let checked = check(&get, source, services, today);
    // The API's own names for the fields the shared check reports.
    let rename = |k: String| match k.as_str() {
        "source_no" => "order_no".to_string(),
        "service" => "category".into(),
        "description" => "content".into(),
        "address" | "district" | "lat" | "lon" => format!("location.{k}"),
        "contact_name" => "contact.name".into(),
        "contact_phone" => "contact.phone".into(),
        "contact_email" => "contact.email".into(),
        _ => k,
    };
    match checked {
        Ok(mut o) if e.is_empty() => {
            o.due = due;
            Ok(o)
        }
        Ok(_) => Err(e),
        Err(more) => {
            e.extend(more.into_iter().map(|(k, m)| (rename(k), m)));
            Err(e)
        }
    }
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
    #[test]
    fn a_pushed_order_names_its_problems_with_the_api_field_names() {
        let p = PushedOrder {
            received_at: "2026-12-05T09:00:00+08:00".into(),
            deadline: "2026-11-01".into(),
            category: "乱停车".into(),
            ..Default::default()
        };
        let e = check_pushed(&p, Source::Hotline, &services(), today()).expect_err("invalid");
        assert_eq!(e["received_at"], "平台受理时间不能晚于今天");
        assert_eq!(e["order_no"], "请填写工单编号");
        assert_eq!(e["content"], "请填写诉求内容");
        assert_eq!(e["category"], "诉求类别“乱停车”不在服务目录中");
        let p = PushedOrder {
            order_no: "SH12345-001".into(),
            received_at: "2026-11-27T09:00:00+08:00".into(),
            category: "占道经营".into(),
            content: "夜市占道".into(),
            deadline: "2026-12-10".into(),
            ..Default::default()
        };
        let o = check_pushed(&p, Source::Hotline, &services(), today()).expect("valid");
        assert_eq!(
            o.received_on,
            NaiveDate::from_ymd_opt(2026, 11, 27).expect("d")
        );
        assert_eq!(o.due, NaiveDate::from_ymd_opt(2026, 12, 10));
        let late = PushedOrder {
            deadline: "2026-11-26".into(),
            ..p
        };
        let e = check_pushed(&late, Source::Hotline, &services(), today()).expect_err("early");
        assert_eq!(e["deadline"], "办结时限不能早于平台受理日期");
    }
}
