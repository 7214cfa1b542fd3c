//! One error type for the whole application.
//!
//! A handler returns `Result<_, AppError>`. `AppError::into_response` puts an
//! [`ErrorInfo`] into the response; the `render_errors` middleware then renders it
//! as an HTML page or, under `/api/`, as `{"error":{"code","message","fields"}}`.
//! Internal errors are logged once here and never shown.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("您访问的页面不存在")]
    NotFound,
    #[error("请先登录")]
    Unauthorized,
    #[error("您没有执行此操作的权限")]
    Forbidden,
    #[error("{message}")]
    Validation {
        message: String,
        fields: BTreeMap<String, String>,
    },
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("操作过于频繁，请稍后再试")]
    RateLimited,
    #[error("页面已过期或来源不明，请刷新页面后重新提交")]
    Csrf,
    #[error("提交的内容超过大小限制")]
    PayloadTooLarge,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn validation(fields: BTreeMap<String, String>) -> AppError {
        AppError::Validation {
            message: "提交的内容有误，请按提示修改".into(),
            fields,
        }
    }

    pub fn field(name: &str, message: &str) -> AppError {
        let mut fields = BTreeMap::new();
        fields.insert(name.to_string(), message.to_string());
        AppError::validation(fields)
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Validation { .. } => "validation",
            AppError::BadRequest(_) => "bad_request",
            AppError::Conflict(_) => "conflict",
            AppError::RateLimited => "rate_limited",
            AppError::Csrf => "csrf",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::Internal(_) => "internal",
        }
    }
}

/// The outcome of a guarded write (an UPDATE whose WHERE names the state it expects):
/// Ok when it changed a row, else `refused` (the row is gone, or was changed meanwhile).
pub fn changed(rows: u64, refused: AppError) -> Result<()> {
    if rows == 0 { Err(refused) } else { Ok(()) }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => AppError::NotFound,
            e => AppError::Internal(e.into()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// What the client is told about an error; carried in the response extensions.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorInfo {
    #[serde(skip)]
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    pub fields: BTreeMap<String, String>,
}

impl ErrorInfo {
    /// Describe a bare status produced outside our handlers (fallbacks, body limits,
    /// extractor rejections) without repeating whatever text came with it.
    pub fn from_status(status: StatusCode) -> ErrorInfo {
        let (code, message) = match status {
            StatusCode::NOT_FOUND => ("not_found", "您访问的页面不存在"),
            StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "不支持此请求方式"),
            StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "提交的内容超过大小限制"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                ("unsupported_media_type", "提交的内容格式不受支持")
            }
            StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => {
                ("bad_request", "提交的内容格式有误")
            }
            StatusCode::TOO_MANY_REQUESTS => ("rate_limited", "操作过于频繁，请稍后再试"),
            StatusCode::REQUEST_TIMEOUT | StatusCode::GATEWAY_TIMEOUT => {
                ("timeout", "请求超时，请稍后再试")
            }
            s if s.is_server_error() => ("internal", "系统出现错误，请稍后再试"),
            _ => ("error", "请求无法完成"),
        };
        ErrorInfo {
            status: status.as_u16(),
            code,
            message: message.into(),
            fields: BTreeMap::new(),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let info = match &self {
            AppError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                ErrorInfo::from_status(status)
            }
            AppError::Validation { message, fields } => ErrorInfo {
                status: status.as_u16(),
                code: self.code(),
                message: message.clone(),
                fields: fields.clone(),
            },
            other => ErrorInfo {
                status: status.as_u16(),
                code: other.code(),
                message: other.to_string(),
                fields: BTreeMap::new(),
            },
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(info);
        res
    }
}

#[derive(Serialize)]
struct JsonError<'a> {
    error: &'a ErrorInfo,
}

/// The JSON body for an API error.
pub fn json_body(info: &ErrorInfo) -> String {
    serde_json::to_string(&JsonError { error: info }).unwrap_or_else(|_| {
        r#"{"error":{"code":"internal","message":"系统出现错误","fields":{}}}"#.into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_text_never_reaches_the_client() {
        let res =
            AppError::Internal(anyhow::anyhow!("password=hunter2 at db.rs:10")).into_response();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let info = res.extensions().get::<ErrorInfo>().expect("info");
        assert!(!info.message.contains("hunter2"));
        let body = json_body(info);
        assert!(body.contains(r#""code":"internal""#), "{body}");
        assert!(!body.contains("hunter2"));
    }

    #[test]
    fn validation_carries_fields() {
        let res = AppError::field("username", "用户名已存在").into_response();
        let info = res.extensions().get::<ErrorInfo>().expect("info");
        assert_eq!(
            info.fields.get("username").map(String::as_str),
            Some("用户名已存在")
        );
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
