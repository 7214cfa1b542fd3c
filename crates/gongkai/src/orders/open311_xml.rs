//! Open311 GeoReport v2 in XML: the same answers as the JSON endpoints (the same
//! structs, serialised once to a JSON value and written as elements), in the
//! standard's XML shape — `<services><service>…`, `<service_definition>` with
//! `<attributes><attribute>…<values><value>`, `<service_requests><request>…`, and
//! errors as `<errors><error><code/><description/></error></errors>`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

use super::open311::{GeoError, JurisdictionQuery};
use super::open311_requests::RequestsQuery;
use crate::state::AppState;

/// The answer's format, from the address's ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// `name.json` / `name.xml` → (name, format).
    pub fn split(file: &str) -> Option<(&str, Format)> {
        if let Some(n) = file.strip_suffix(".json") {
            Some((n, Format::Json))
        } else {
            file.strip_suffix(".xml").map(|n| (n, Format::Xml))
        }
    }

    /// A 200 answer: `root` names the XML document element, `item` the element of
    /// each entry when the value is a list.
    pub fn body<T: Serialize>(self, root: &str, item: &str, v: &T) -> Response {
        self.with_status(StatusCode::OK, root, item, v)
    }

    pub fn with_status<T: Serialize>(
        self,
        status: StatusCode,
        root: &str,
        item: &str,
        v: &T,
    ) -> Response {
        match self {
            Format::Json => (status, Json(v)).into_response(),
            Format::Xml => match serde_json::to_value(v) {
                Ok(v) => (
                    status,
                    [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
                    document(root, item, &v),
                )
                    .into_response(),
                Err(e) => self.internal(e),
            },
        }
    }

    /// The GeoReport error list with its status.
    pub fn error(self, status: StatusCode, description: &str) -> Response {
        let list = vec![GeoError {
            code: status.as_u16(),
            description: description.to_string(),
        }];
        self.with_status(status, "errors", "error", &list)
    }

    pub fn internal(self, e: impl std::fmt::Display) -> Response {
        tracing::error!(error = %e, "open311");
        self.error(StatusCode::INTERNAL_SERVER_ERROR, "系统出现错误")
    }
}

/// A whole XML document.
pub fn document(root: &str, item: &str, v: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    element(&mut out, root, item, v);
    out.push('\n');
    out
}

/// The element of each entry of a list called `name`.
fn item_of(name: &str) -> &str {
    match name {
        "attributes" => "attribute",
        "values" => "value",
        "endpoints" => "endpoint",
        "formats" => "format",
        "services" => "service",
        "service_requests" => "request",
        "errors" => "error",
        _ => "item",
    }
}

fn element(out: &mut String, name: &str, item: &str, v: &Value) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    match v {
        Value::Null => {}
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&escape(s)),
        Value::Array(list) => {
            for x in list {
                element(out, item, item_of(item), x);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                element(out, k, item_of(k), x);
            }
        }
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Text as XML character data.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The service list in XML.
#[utoipa::path(get, path = "/open311/v2/services.xml", tag = "open311", operation_id = "open311_services_xml", params(JurisdictionQuery),
    responses((status = 200, content_type = "text/xml", body = String, description = "<services><service>…</service></services>"),
        (status = 404, content_type = "text/xml", body = String, description = "<errors><error>…</error></errors>")))]
pub async fn services(state: State<AppState>, q: Query<JurisdictionQuery>) -> Response {
    super::open311::services_as(state, q, Format::Xml).await
}

/// Requests by filter in XML.
#[utoipa::path(get, path = "/open311/v2/requests.xml", tag = "open311", operation_id = "open311_requests_xml", params(RequestsQuery),
    responses((status = 200, content_type = "text/xml", body = String, description = "<service_requests><request>…</request></service_requests>"),
        (status = 400, content_type = "text/xml", body = String, description = "<errors><error>…</error></errors>")))]
pub async fn requests(state: State<AppState>, q: Query<RequestsQuery>) -> Response {
    super::open311_requests::requests_as(state, q, Format::Xml).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_nest_in_the_georeport_shape() {
        let v = serde_json::json!([{
            "service_code": "a&b",
            "attributes": [{"code": "x", "values": [{"key": "k", "name": "<名>"}]}],
            "lat": null,
            "metadata": true
        }]);
        assert_eq!(
            document("services", "service", &v),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><attributes><attribute><code>x</code>\
             <values><value><key>k</key><name>&lt;名&gt;</name></value></values></attribute></attributes>\
             <lat></lat><metadata>true</metadata><service_code>a&amp;b</service_code></service></services>\n"
        );
        assert_eq!(Format::split("OS1.xml"), Some(("OS1", Format::Xml)));
        assert_eq!(Format::split("OS1.json"), Some(("OS1", Format::Json)));
        assert_eq!(Format::split("OS1.csv"), None);
    }
}
