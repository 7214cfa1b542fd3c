//! The entry form of the back office → an entry, or the fields' errors.

use std::collections::BTreeMap;

use super::model::{Entry, parse_paraphrases, parse_sources};
use crate::web::form::Fields;

/// The form's values as typed (to show them again with the errors).
#[derive(Debug, Clone, Default)]
pub struct EntryForm {
    pub category: String,
    pub question: String,
    pub answer: String,
    pub sources: String,
    pub paraphrases: String,
    pub active: bool,
    pub version: i64,
}

impl EntryForm {
    pub fn from_fields(f: &Fields) -> EntryForm {
        EntryForm {
            category: f.get("category"),
            question: f.get("question"),
            answer: f.get("answer"),
            sources: f.get("sources"),
            paraphrases: f.get("paraphrases"),
            active: f.get("active") == "1",
            version: f.get("version").parse().unwrap_or(0),
        }
    }

    /// The entry (without its faq id), or an error message per field.
    pub fn parse(&self) -> Result<Entry, BTreeMap<String, String>> {
        let mut errors = BTreeMap::new();
        let mut need = |name: &str, value: &str, label: &str, max: usize| {
            if value.is_empty() {
                errors.insert(name.to_string(), format!("请填写{label}"));
            } else if value.chars().count() > max {
                errors.insert(name.to_string(), format!("{label}不超过 {max} 字"));
            }
        };
        need("category", &self.category, "分类", 30);
        need("question", &self.question, "问题", 200);
        need("answer", &self.answer, "答案", 5000);
        let sources = parse_sources(&self.sources).unwrap_or_else(|e| {
            errors.insert("sources".into(), e);
            Vec::new()
        });
        let paraphrases =
            parse_paraphrases(&self.paraphrases, &self.question).unwrap_or_else(|e| {
                errors.insert("paraphrases".into(), e);
                Vec::new()
            });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Entry {
            faq_id: String::new(),
            category: self.category.clone(),
            question: self.question.clone(),
            answer: self.answer.clone(),
            sources,
            paraphrases,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(v: &[(&str, &str)]) -> Fields {
        Fields(
            v.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn a_complete_form_parses_and_missing_fields_are_named() {
        let f = EntryForm::from_fields(&fields(&[
            ("category", "市容环境"),
            ("question", "能摆摊吗？"),
            ("answer", "不能。"),
            ("sources", "上海市市容环境卫生管理条例 | 第二十五条"),
            ("paraphrases", "摆地摊行不行\n摆地摊行不行"),
            ("active", "1"),
            ("version", "3"),
        ]));
        let e = f.parse().expect("ok");
        assert_eq!(e.paraphrases, ["摆地摊行不行"]);
        assert_eq!(e.sources[0].article, "第二十五条");
        assert!(f.active);
        assert_eq!(f.version, 3);
        let bad = EntryForm::from_fields(&fields(&[("sources", "乱写")])).parse();
        let errors = bad.expect_err("errors");
        assert!(errors.contains_key("question") && errors.contains_key("answer"));
        assert!(errors.contains_key("category") && errors.contains_key("sources"));
    }
}
