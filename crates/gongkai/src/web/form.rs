//! Urlencoded forms with repeated fields (checkbox groups), read as pairs.

use axum::Form;
use axum::extract::{FromRequest, Request};

use crate::error::AppError;

/// All fields of a submitted form, in order; repeated names allowed.
#[derive(Debug, Default, Clone)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of `name`, trimmed ("" when absent).
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    /// The value of `name`, which must be given and at most `max` characters; the
    /// error names the field by `label` (请填写…, …不能超过 N 字).
    pub fn required(
        &self,
        name: &str,
        label: &str,
        max: usize,
    ) -> Result<String, crate::error::AppError> {
        let v = self.get(name);
        if v.is_empty() {
            return Err(crate::error::AppError::field(
                name,
                &format!("请填写{label}"),
            ));
        }
        if v.chars().count() > max {
            return Err(crate::error::AppError::field(
                name,
                &format!("{label}不能超过{max}字"),
            ));
        }
        Ok(v)
    }

    /// The fields `names`, each cut to `max` characters: what a refused form shows back.
    pub fn values(&self, names: &[&str], max: usize) -> std::collections::BTreeMap<String, String> {
        names
            .iter()
            .map(|k| (k.to_string(), self.get(k).chars().take(max).collect()))
            .collect()
    }

    pub fn checked(&self, name: &str) -> bool {
        matches!(self.get(name).as_str(), "on" | "1" | "true")
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("表单内容格式有误".into()))?;
        Ok(Fields(pairs))
    }
}

/// A back-office import form: the uploaded `file` (its name in lower case, for the
/// .xlsx/.csv choice, and its bytes; `None` when no file field came) and every other
/// field as text. A body over the limit or cut short is [`AppError::PayloadTooLarge`].
pub struct Upload {
    pub file: Option<(String, bytes::Bytes)>,
    pub fields: std::collections::BTreeMap<String, String>,
}

impl Upload {
    pub async fn read(form: &mut axum::extract::Multipart) -> Result<Upload, AppError> {
        let mut up = Upload {
            file: None,
            fields: Default::default(),
        };
        while let Some(field) = form
            .next_field()
            .await
            .map_err(|_| AppError::PayloadTooLarge)?
        {
            let key = field.name().unwrap_or_default().to_string();
            if key == "file" {
                let name = field.file_name().unwrap_or_default().to_lowercase();
                let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
                up.file = Some((name, bytes));
            } else {
                let text = field.text().await.map_err(|_| AppError::PayloadTooLarge)?;
                up.fields.insert(key, text);
            }
        }
        Ok(up)
    }

    /// A text field, empty when absent.
    pub fn field(&self, key: &str) -> &str {
        self.fields.get(key).map_or("", String::as_str)
    }

    /// The file's name and bytes, `None` when none was chosen (or it was empty).
    pub fn file(self) -> Option<(String, bytes::Bytes)> {
        self.file.filter(|(_, b)| !b.is_empty())
    }
}
