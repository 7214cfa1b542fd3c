//! Parsing and checking the document form: every problem becomes a message on its field.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::model::{self, Column, Disclosure, DocNo, Genre, Ground};
use super::store::DocInput;
use crate::web::form::Fields;

pub type Errors = BTreeMap<String, String>;

fn date(f: &Fields, name: &str, label: &str, errors: &mut Errors) -> Option<NaiveDate> {
    let v = f.get(name);
    if v.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.insert(name.into(), format!("{label}应为日期，格式如 2023-07-05"));
            None
        }
    }
}

/// Read the form. `unit_ok` turns a chosen 发文机构 id into the owning unit and the
/// issuing organ's name, or `None` when the user may not issue for it
/// (`issuer::resolve`).
pub fn parse(f: &Fields, unit_ok: impl Fn(i64) -> Option<(i64, String)>) -> (DocInput, Errors) {
    let mut e = Errors::new();
    let title = f.get("title");
    if title.is_empty() || title.chars().count() > 200 {
        e.insert("title".into(), "请填写标题（不超过 200 字）".into());
    }
    // 发文机构: one of our units, or an outside body by name.
    let (issuer_unit_id, issuer_name) = match f.get("issuer_unit_id").as_str() {
        "" | "outside" => {
            let name = f.get("issuer_name");
            if name.is_empty() || name.chars().count() > 100 {
                e.insert(
                    "issuer_name".into(),
                    "请选择本机关的机构，或填写外单位发文机构名称".into(),
                );
            }
            (None, name)
        }
        v => match v.parse::<i64>().ok().and_then(&unit_ok) {
            Some((id, name)) => (Some(id), name),
            None => {
                e.insert(
                    "issuer_unit_id".into(),
                    "所选发文机构不在您的权限范围内".into(),
                );
                (None, String::new())
            }
        },
    };
    let disclosure = Disclosure::parse(&f.get("disclosure"));
    let ground = Ground::parse(&f.get("disclosure_ground"));
    match disclosure {
        None => {
            e.insert("disclosure".into(), "请选择公开属性".into());
        }
        Some(Disclosure::Proactive) => {}
        Some(_) if ground.is_none() => {
            e.insert(
                "disclosure_ground".into(),
                "依申请公开或不予公开须选择法定理由".into(),
            );
        }
        Some(_) => {}
    }
    let doc_no_raw = f.get("doc_no");
    let doc_no = if doc_no_raw.is_empty() {
        None
    } else {
        match DocNo::parse(&doc_no_raw) {
            Ok(n) => Some(n.to_string()),
            Err(m) => {
                e.insert("doc_no".into(), m.into());
                Some(doc_no_raw.clone())
            }
        }
    };
    let written_on = date(f, "written_on", "成文日期", &mut e);
    if written_on.is_none() && !e.contains_key("written_on") {
        e.insert("written_on".into(), "请填写成文日期".into());
    }
    let published_on = date(f, "published_on", "发布日期", &mut e);
    if let (Some(w), Some(p)) = (written_on, published_on)
        && p < w
    {
        e.insert("published_on".into(), "发布日期不能早于成文日期".into());
    }
    let genre = Genre::parse(&f.get("genre"));
    if genre.is_none() {
        e.insert("genre".into(), "请选择体裁".into());
    }
    let topic_id = f.get("topic_id").parse::<i64>().ok();
    let column = Column::parse(&f.get("column_kind")).unwrap_or(Column::General);
    let normative = f.checked("normative");
    let provisional = f.checked("provisional");
    let effective_on = date(f, "effective_on", "施行日期", &mut e);
    let explicit_until = date(f, "valid_until", "有效期至", &mut e);
    let validity_reason = f.get("validity_reason");
    let mut valid_until = None;
    if normative {
        match (effective_on, genre) {
            (None, _) if !e.contains_key("effective_on") => {
                e.insert("effective_on".into(), "行政规范性文件须填写施行日期".into());
            }
            (Some(eff), Some(g)) => {
                match model::valid_until(eff, explicit_until, g, provisional, &validity_reason) {
                    Ok(d) => valid_until = Some(d),
                    Err(m) => {
                        e.insert("valid_until".into(), m.into());
                    }
                }
            }
            _ => {}
        }
    }
    let body = f.get("body");
    if body.is_empty() {
        e.insert("body".into(), "请填写正文".into());
    } else if body.chars().count() > 200_000 {
        e.insert("body".into(), "正文过长（不超过 20 万字）".into());
    }
    let input = DocInput {
        title,
        issuer_unit_id,
        issuer_name,
        disclosure: disclosure.map(|d| d.code()).unwrap_or("").to_string(),
        disclosure_ground: ground
            .filter(|_| disclosure != Some(Disclosure::Proactive))
            .map(|g| g.code().to_string()),
        doc_no,
        written_on,
        published_on,
        genre: genre.map(|g| g.code()).unwrap_or("").to_string(),
        topic_id,
        column_kind: column.code().to_string(),
        normative,
        provisional,
        effective_on: effective_on.filter(|_| normative),
        valid_until: if normative {
            valid_until.or(explicit_until)
        } else {
            None
        },
        validity_reason: (!validity_reason.is_empty()).then_some(validity_reason),
        needs_interpretation: f.checked("needs_interpretation"),
        body,
    };
    (input, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn unit(id: i64) -> Option<(i64, String)> {
        (id == 1).then(|| (2, "上海市城市管理行政执法局".to_string()))
    }

    #[test]
    fn a_complete_form() {
        let f = fields(&[
            ("title", "关于印发《工作要点》的通知"),
            ("issuer_unit_id", "1"),
            ("disclosure", "proactive"),
            ("doc_no", "沪城管执[2023]47号"),
            ("written_on", "2023-04-10"),
            ("published_on", "2023-07-05"),
            ("genre", "notice"),
            ("body", "正文"),
        ]);
        let (d, e) = parse(&f, unit);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(d.doc_no.as_deref(), Some("沪城管执〔2023〕47号"));
        assert_eq!(d.issuer_name, "上海市城市管理行政执法局");
        assert_eq!(d.issuer_unit_id, Some(2), "owned by the unit resolved");
    }

    #[test]
    fn every_problem_is_named() {
        let f = fields(&[
            ("issuer_unit_id", "9"),
            ("disclosure", "withheld"),
            ("doc_no", "47号"),
            ("written_on", "2023-04-10"),
            ("published_on", "2023-04-01"),
            ("normative", "on"),
            ("genre", "circular"),
            ("effective_on", "2023-05-01"),
            ("valid_until", "2025-05-01"),
        ]);
        let (_, e) = parse(&f, unit);
        for key in [
            "title",
            "issuer_unit_id",
            "disclosure_ground",
            "doc_no",
            "published_on",
            "valid_until",
            "body",
        ] {
            assert!(e.contains_key(key), "{key} missing in {e:?}");
        }
    }

    #[test]
    fn normative_default_period() {
        let f = fields(&[
            ("title", "某某管理办法"),
            ("issuer_name", "上海市人民政府"),
            ("disclosure", "proactive"),
            ("written_on", "2023-04-10"),
            ("genre", "measures"),
            ("normative", "on"),
            ("effective_on", "2023-05-01"),
            ("body", "正文"),
        ]);
        let (d, e) = parse(&f, unit);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(d.valid_until, NaiveDate::from_ymd_opt(2028, 4, 30));
        assert_eq!(d.issuer_unit_id, None);
    }
}
