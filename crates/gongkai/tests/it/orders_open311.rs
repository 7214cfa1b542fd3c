//! Open311 GeoReport v2 over HTTP on both backends: every endpoint, responses
//! checked against the standard's field lists, the error array with the right
//! status for each bad request, and no contact data in any response.

use gongkai::auth::roles::Role;
use serde_json::Value;

use crate::both;
use crate::common::{Backend, TestApp, spawn};
use crate::orders::count;

both!(open311_endpoints_follow_georeport_v2);

/// The GeoReport v2 field lists.
const SERVICE_FIELDS: &[&str] = &[
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
];
const REQUEST_FIELDS: &[&str] = &[
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut k: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    k.sort();
    k
}

async fn post311(app: &TestApp, fields: &[(&str, &str)]) -> (u16, Value) {
    let r = app
        .client
        .post(app.url("/open311/v2/requests.json"))
        .form(fields)
        .send()
        .await
        .expect("post");
    (r.status().as_u16(), r.json().await.expect("json"))
}

fn georeport_error(v: &Value, code: u16) {
    let e = &v[0];
    assert_eq!(e["code"], code, "{v}");
    assert!(e["description"].as_str().is_some_and(|d| !d.is_empty()));
}

async fn open311_endpoints_follow_georeport_v2(b: Backend) {
    let app = spawn(b).await;
    app.user("fms", &[Role::OrderPlatform]).await;
    app.user("hd", &[Role::InteractHandler]).await;
    let key = crate::foi::api_token(&app, "fms").await;
    let staff_key = crate::foi::api_token(&app, "hd").await;
    let d = app.get_json("/open311/v2/discovery.json").await;
    assert_eq!(
        d["endpoints"][0]["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
    let s = app.get_json("/open311/v2/services.json").await;
    let list = s.as_array().expect("array");
    assert!(list.len() >= 9);
    for svc in list {
        assert_eq!(keys(svc), sorted(SERVICE_FIELDS));
    }
    let def = app
        .get_json("/open311/v2/services/website_error.json")
        .await;
    assert_eq!(def["service_code"], "website_error");
    assert_eq!(def["attributes"][0]["code"], "page_url");
    let r = app.get("/open311/v2/services/nope.json").await;
    assert_eq!(r.status().as_u16(), 404);
    georeport_error(&r.json().await.expect("json"), 404);
    let r = app
        .get("/open311/v2/services.json?jurisdiction_id=elsewhere.example")
        .await;
    assert_eq!(r.status().as_u16(), 404);

    let base = [
        ("service_code", "street_vending"),
        ("lat", "31.2357"),
        ("long", "121.4801"),
        ("description", "人行道上有摊贩，联系我13912345678"),
        ("first_name", "小明"),
        ("last_name", "王"),
        ("phone", "13912345678"),
        ("email", "wxm@example.com"),
    ];
    fn join<'a>(
        base: &[(&'a str, &'a str)],
        extra: &[(&'a str, &'a str)],
    ) -> Vec<(&'a str, &'a str)> {
        base.iter().chain(extra.iter()).copied().collect()
    }
    let with = |extra: &[(&'static str, &'static str)]| join(&base, extra);
    let (s, v) = post311(&app, &with(&[])).await;
    assert_eq!(s, 403);
    georeport_error(&v, 403);
    let (s, v) = post311(&app, &with(&[("api_key", "wrong")])).await;
    assert_eq!(s, 403);
    georeport_error(&v, 403);
    // A valid token whose account is not a 工单接入平台 may not file requests.
    let (s, v) = post311(&app, &join(&base, &[("api_key", staff_key.as_str())])).await;
    assert_eq!(s, 403, "{v}");
    georeport_error(&v, 403);
    assert!(
        v[0]["description"]
            .as_str()
            .is_some_and(|d| d.contains("工单接入平台"))
    );
    let mut unknown = join(&base, &[("api_key", key.as_str())]);
    unknown[0] = ("service_code", "flying_cars");
    let (s, v) = post311(&app, &unknown).await;
    assert_eq!(s, 400);
    georeport_error(&v, 400);
    let (s, v) = post311(
        &app,
        &[
            ("api_key", key.as_str()),
            ("service_code", "street_vending"),
            ("description", "x"),
        ],
    )
    .await;
    assert_eq!(s, 400);
    assert!(
        v[0]["description"]
            .as_str()
            .expect("text")
            .contains("缺少位置")
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM work_orders").await,
        0,
        "nothing filed by bad requests"
    );
    let (s, v) = post311(&app, &join(&base, &[("api_key", key.as_str())])).await;
    assert_eq!(s, 201, "{v}");
    let id = v[0]["service_request_id"].as_str().expect("id").to_string();
    let token = v[0]["token"].as_str().expect("token").to_string();
    let t = app
        .get_json(&format!("/open311/v2/tokens/{token}.json"))
        .await;
    assert_eq!(t[0]["service_request_id"], id.as_str());
    let (st, body) = app
        .get_text(&format!("/open311/v2/requests/{id}.json"))
        .await;
    assert_eq!(st, 200);
    for secret in ["13912345678", "wxm@example.com", "王小明", "小明"] {
        assert!(!body.contains(secret), "{secret} leaked: {body}");
    }
    let one: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(keys(&one[0]), sorted(REQUEST_FIELDS));
    assert_eq!(one[0]["status"], "open");
    assert_eq!(one[0]["lat"], 31.2357);
    let all = app
        .get_json("/open311/v2/requests.json?service_code=street_vending&status=open")
        .await;
    assert_eq!(all.as_array().map(Vec::len), Some(1));
    let none = app
        .get_json("/open311/v2/requests.json?status=closed")
        .await;
    assert_eq!(none.as_array().map(Vec::len), Some(0));
    let none = app
        .get_json("/open311/v2/requests.json?service_code=shared_bikes")
        .await;
    assert_eq!(none.as_array().map(Vec::len), Some(0));
    let later = app
        .get_json("/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z")
        .await;
    assert_eq!(later.as_array().map(Vec::len), Some(0));
    let r = app
        .get("/open311/v2/requests.json?start_date=yesterday")
        .await;
    assert_eq!(r.status().as_u16(), 400);
    let r = app.get("/open311/v2/requests/NOPE.json").await;
    assert_eq!(r.status().as_u16(), 404);
    georeport_error(&r.json().await.expect("json"), 404);
    let r = app.get(&format!("/open311/v2/requests/{id}.csv")).await;
    assert_eq!(r.status().as_u16(), 404);
    // The XML variants carry the same data as the JSON ones.
    xml_matches(&app, "/open311/v2/services", "services", "service").await;
    xml_matches(
        &app,
        "/open311/v2/services/website_error",
        "service_definition",
        "",
    )
    .await;
    xml_matches(&app, "/open311/v2/requests", "service_requests", "request").await;
    xml_matches(
        &app,
        &format!("/open311/v2/requests/{id}"),
        "service_requests",
        "request",
    )
    .await;
    let r = app.get("/open311/v2/requests/NOPE.xml").await;
    assert_eq!(r.status().as_u16(), 404);
    let body = r.text().await.expect("body");
    assert!(
        body.contains("<errors><error><code>404</code><description>"),
        "{body}"
    );
    let r = app.get("/open311/v2/requests.xml?status=maybe").await;
    assert_eq!(r.status().as_u16(), 400);
    let body = r.text().await.expect("body");
    assert!(body.contains("<errors><error><code>400</code>"), "{body}");
    // Documented in the OpenAPI document.
    let doc = app.get_json("/api/v1/openapi.json").await;
    assert!(doc["paths"]["/open311/v2/requests.json"]["post"].is_object());
    assert!(doc["paths"]["/open311/v2/requests.xml"]["get"].is_object());
}

/// Text as it appears between tags.
fn xml_text(v: &Value) -> String {
    let s = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// Every value of the JSON answer appears as its element in the XML answer, in
/// the GeoReport shape (`root`, one `item` per entry, lists of `attribute`/`value`).
async fn xml_matches(app: &TestApp, base: &str, root: &str, item: &str) {
    let json = app.get_json(&format!("{base}.json")).await;
    let r = app.get(&format!("{base}.xml")).await;
    assert_eq!(r.status().as_u16(), 200, "{base}.xml");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .is_ok_and(|c| c.starts_with("text/xml"))
    );
    let xml = r.text().await.expect("xml");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"));
    assert!(xml.contains(&format!("<{root}>")) && xml.trim_end().ends_with(&format!("</{root}>")));
    fn walk(v: &Value, xml: &str) {
        match v {
            Value::Array(list) => {
                for x in list {
                    walk(x, xml);
                }
            }
            Value::Object(m) => {
                for (k, x) in m {
                    match x {
                        Value::Array(_) | Value::Object(_) => {
                            assert!(xml.contains(&format!("<{k}>")), "<{k}> missing");
                            walk(x, xml);
                        }
                        leaf => {
                            let el = format!("<{k}>{}</{k}>", xml_text(leaf));
                            assert!(xml.contains(&el), "{el} missing in {xml}");
                        }
                    }
                }
            }
            _ => {}
        }
    }
    walk(&json, &xml);
    if let Some(list) = json.as_array() {
        assert!(!list.is_empty(), "{base}: something to compare");
        assert_eq!(
            xml.matches(&format!("<{item}>")).count(),
            list.len(),
            "{base}"
        );
    }
    if root == "service_definition" {
        let attrs = json["attributes"].as_array().map_or(0, Vec::len);
        assert_eq!(xml.matches("<attribute>").count(), attrs);
        assert!(xml.contains("<values><value><key>typo</key>"));
    }
}
