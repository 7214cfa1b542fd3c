//! Content checks before publication: the 网站巡检 content checks
//! (`sitecheck::content`: 文号, dates, the editable wrong-wordings list, unmasked
//! personal data) run on a draft's title, 文号, dates and body — and on its
//! 政策解读 — while it is edited and when the reviewer looks at it. Findings are
//! warnings: they never block saving, submitting or publishing.

use chrono::NaiveDate;

use crate::sitecheck::content::{self, Wording};

/// One warning as the editor and the reviewer see it (personal data masked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckView {
    pub kind: &'static str,
    pub code: &'static str,
    pub excerpt: String,
    pub suggestion: String,
}

/// What the checks read of a document or an interpretation.
#[derive(Default)]
pub struct Text<'a> {
    pub title: &'a str,
    pub doc_no: &'a str,
    pub written_on: &'a str,
    pub published_on: &'a str,
    /// The rich text as stored (markup is dropped before checking; link targets
    /// are not read).
    pub body: &'a str,
}

/// The plain text the checks read: labelled lines for the header fields (so that a
/// 成文日期 later than the 发布日期 is seen), then the body's visible text.
pub fn plain(t: &Text<'_>) -> String {
    let mut out = String::new();
    for (label, v) in [
        ("", t.title),
        ("文号：", t.doc_no),
        ("成文日期：", t.written_on),
        ("发布日期：", t.published_on),
    ] {
        let v = v.trim();
        if !v.is_empty() {
            out.push_str(label);
            out.push_str(v);
            out.push('\n');
        }
    }
    if !t.body.trim().is_empty() {
        out.push_str(&content::main_text(&super::richtext::to_html(t.body)));
    }
    out
}

/// The warnings for a text on `today` with the wordings list `words`; one per
/// distinct finding (the same excerpt and advice said once).
pub fn check(t: &Text<'_>, words: &[Wording], today: NaiveDate) -> Vec<CheckView> {
    let mut out: Vec<CheckView> = Vec::new();
    for i in content::check(&plain(t), words, today) {
        let v = CheckView {
            kind: i.kind.label(),
            code: i.kind.code(),
            excerpt: i.excerpt,
            suggestion: i.suggestion,
        };
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The checks with the wordings list in force (`docs.wordings_file` or the
/// built-in list) and today's date.
pub fn run(state: &crate::state::AppState, t: &Text<'_>) -> Vec<CheckView> {
    let (words, _) = crate::sitecheck::service::wordings(state);
    check(t, &words, crate::clock::today())
}

/// A document's header fields and body as owned strings, for the content checks.
pub struct DocText {
    title: String,
    doc_no: String,
    written_on: String,
    published_on: String,
    body: String,
}

impl DocText {
    pub fn as_text(&self) -> Text<'_> {
        Text {
            title: &self.title,
            doc_no: &self.doc_no,
            written_on: &self.written_on,
            published_on: &self.published_on,
            body: &self.body,
        }
    }
}

pub fn doc_text(d: &super::store::DocRow) -> DocText {
    let ymd = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
    DocText {
        title: d.title.clone(),
        doc_no: d.doc_no.clone().unwrap_or_default(),
        written_on: ymd(d.written_on),
        published_on: ymd(d.published_on),
        body: d.body.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).expect("date")
    }

    #[test]
    fn a_draft_with_three_mistakes_gets_three_warnings() {
        let t = Text {
            title: "关于做好夏季市容工作的通知",
            doc_no: "沪城管执〔2026〕12号",
            written_on: "2026-03-02",
            published_on: "",
            body: "依据沪城管规(2024)3号文件，请各单位做好按排。\n联系人手机13812345678。",
        };
        let w = check(&t, &content::default_wordings(), today());
        let codes: Vec<&str> = w.iter().map(|c| c.code).collect();
        assert_eq!(codes, ["doc_number", "wording", "personal_data"], "{w:#?}");
        assert!(w.iter().all(|c| !c.excerpt.contains("13812345678")));
        assert!(w[0].suggestion.contains("沪城管规〔2024〕3号"));
    }

    #[test]
    fn a_clean_draft_gets_none() {
        let t = Text {
            title: "关于做好夏季市容工作的通知",
            doc_no: "沪城管执〔2026〕12号",
            written_on: "2026-03-02",
            published_on: "2026-03-05",
            body: "依据沪城管规〔2024〕3号文件，请各单位做好安排。\n\n联系电话：021-12345678。\n\n[办事指南](/xxgk/guide)",
        };
        assert_eq!(check(&t, &content::default_wordings(), today()), []);
    }

    #[test]
    fn header_dates_are_read_together() {
        let t = Text {
            title: "通知",
            written_on: "2026-03-09",
            published_on: "2026-03-02",
            ..Default::default()
        };
        let w = check(&t, &[], today());
        assert_eq!(w.len(), 1, "{w:#?}");
        assert_eq!(w[0].code, "bad_date");
    }

    #[test]
    fn markup_and_link_targets_are_not_read() {
        let t = Text {
            body: "见[链接](https://example.org/13812345678)。",
            ..Default::default()
        };
        assert_eq!(check(&t, &[], today()), []);
    }
}
