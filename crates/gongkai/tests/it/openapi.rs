//! The OpenAPI document is valid OpenAPI 3.1: a validator of the rules client
//! generators trip over (the structure `openapi-spec-validator` checks against the
//! 3.1 schema, plus the semantic rules it adds: path templates and parameters,
//! unique operation ids, resolvable `$ref`s, declared security schemes).

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;
use utoipa::OpenApi;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every rule the document breaks, as `where: what`.
fn problems(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut bad = |at: &str, what: &str| out.push(format!("{at}: {what}"));
    let version = doc["openapi"].as_str().unwrap_or_default();
    let parts: Vec<&str> = version.split('.').collect();
    if !(parts.len() == 3 && parts[0] == "3" && parts[1] == "1" && parts[2].parse::<u32>().is_ok())
    {
        bad("openapi", "must be 3.1.x");
    }
    for k in ["title", "version"] {
        if !doc["info"][k].is_string() {
            bad("info", &format!("{k} is required"));
        }
    }
    if doc.get("paths").is_none()
        && doc.get("components").is_none()
        && doc.get("webhooks").is_none()
    {
        bad("/", "one of paths, components, webhooks is required");
    }
    let schemes: HashSet<String> = doc["components"]["securitySchemes"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    for (name, schema) in doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            bad(
                &format!("components.schemas.{name}"),
                "name must match ^[a-zA-Z0-9._-]+$",
            );
        }
        if !(schema.is_object() || schema.is_boolean()) {
            bad(&format!("components.schemas.{name}"), "must be a schema");
        }
    }
    let mut operation_ids = HashSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        if !path.starts_with('/') {
            bad(path, "path must start with /");
        }
        let template: BTreeSet<String> = path
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
            .collect();
        let shared = item["parameters"].as_array().cloned().unwrap_or_default();
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let at = format!("{} {path}", method.to_uppercase());
            if let Some(id) = op["operationId"].as_str()
                && !operation_ids.insert(id.to_string())
            {
                bad(&at, &format!("duplicate operationId {id}"));
            }
            match op["responses"].as_object() {
                Some(r) if !r.is_empty() => {
                    for (status, resp) in r {
                        let code_ok = status == "default"
                            || (status.len() == 3
                                && matches!(status.as_bytes()[0], b'1'..=b'5')
                                && status[1..].chars().all(|c| c.is_ascii_digit() || c == 'X'));
                        if !code_ok {
                            bad(&at, &format!("response key {status} is not a status code"));
                        }
                        if resp.get("$ref").is_none() && !resp["description"].is_string() {
                            bad(&at, &format!("response {status} has no description"));
                        }
                        for (media, content) in resp["content"].as_object().into_iter().flatten() {
                            if !content.is_object() {
                                bad(
                                    &at,
                                    &format!("response {status} content {media} must be an object"),
                                );
                            }
                        }
                    }
                }
                _ => bad(&at, "responses must have at least one response"),
            }
            if let Some(body) = op.get("requestBody")
                && body.get("$ref").is_none()
                && !body["content"].is_object()
            {
                bad(&at, "requestBody needs content");
            }
            let mut params = shared.clone();
            params.extend(op["parameters"].as_array().cloned().unwrap_or_default());
            let mut seen = HashSet::new();
            let mut in_path = BTreeSet::new();
            for p in &params {
                if p.get("$ref").is_some() {
                    continue;
                }
                let (Some(name), Some(place)) = (p["name"].as_str(), p["in"].as_str()) else {
                    bad(&at, "parameter needs name and in");
                    continue;
                };
                if !matches!(place, "query" | "header" | "path" | "cookie") {
                    bad(&at, &format!("parameter {name}: in = {place}"));
                }
                if !seen.insert((name.to_string(), place.to_string())) {
                    bad(&at, &format!("parameter {name} in {place} twice"));
                }
                if place == "path" {
                    in_path.insert(name.to_string());
                    if p["required"] != Value::Bool(true) {
                        bad(&at, &format!("path parameter {name} must be required"));
                    }
                }
                if p.get("schema").is_none() && p.get("content").is_none() {
                    bad(&at, &format!("parameter {name} needs schema or content"));
                }
            }
            if in_path != template {
                bad(
                    &at,
                    &format!("path parameters {in_path:?} ≠ template {template:?}"),
                );
            }
            for req in op["security"].as_array().into_iter().flatten() {
                for scheme in req.as_object().into_iter().flatten().map(|(k, _)| k) {
                    if !schemes.contains(scheme) {
                        bad(&at, &format!("security scheme {scheme} is not declared"));
                    }
                }
            }
        }
    }
    let mut refs = Vec::new();
    collect_refs(doc, &mut refs);
    for r in refs {
        let resolves = r
            .strip_prefix('#')
            .and_then(|pointer| doc.pointer(pointer))
            .is_some();
        if !resolves {
            bad("$ref", &format!("{r} does not resolve"));
        }
    }
    out
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            m.values().for_each(|x| collect_refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

#[test]
fn openapi_document_is_valid_openapi_3_1() {
    let doc = serde_json::to_value(gongkai::api::ApiDoc::openapi()).expect("json");
    let found = problems(&doc);
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
    // The document describes the API: not an empty shell passing vacuously.
    assert!(doc["paths"].as_object().is_some_and(|p| p.len() >= 15));
}

#[test]
fn the_validator_finds_what_openapi_spec_validator_rejects() {
    let doc = serde_json::json!({
        "openapi": "3.0.9",
        "info": {"title": "x"},
        "paths": {
            "/a/{id}": {"get": {
                "operationId": "a",
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}},
                "security": [{"basic": []}]
            }},
            "/b": {"post": {"operationId": "a", "responses": {}}}
        }
    });
    let found = problems(&doc).join("\n");
    for expected in [
        "must be 3.1.x",
        "version is required",
        "response 200 has no description",
        "duplicate operationId a",
        "responses must have at least one response",
        "≠ template",
        "Missing does not resolve",
        "security scheme basic is not declared",
    ] {
        assert!(found.contains(expected), "{expected} not in:\n{found}");
    }
}
