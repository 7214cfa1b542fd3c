//! 网站巡检 rules, pure: what a finding is and whether it fails the indicators
//! (政府网站与政务新媒体检查指标, 国办函〔2019〕80号), the column update rules on the
//! calendar, and what a page's HTML says (links, images, title, mixed content).

use chrono::{Months, NaiveDate};

code_enum!(
    /// What the crawler or the freshness check found.
    FindingKind {
        BrokenInternal = ("broken_internal", "站内链接错误"),
        BrokenAttachment = ("broken_attachment", "附件无法下载"),
        RedirectLoop = ("redirect_loop", "循环或过多重定向"),
        ExternalError = ("external_error", "外部链接返回错误"),
        ExternalTimeout = ("external_timeout", "外部链接超时"),
        ExternalUnreachable = ("external_unreachable", "外部链接无法连接"),
        MissingTitle = ("missing_title", "页面缺少标题"),
        MissingAlt = ("missing_alt", "图片缺少替代文字"),
        MixedContent = ("mixed_content", "HTTPS 页面引用 HTTP 资源"),
        Oversized = ("oversized", "页面过大"),
        Slow = ("slow", "页面响应缓慢"),
        StaleColumn = ("stale_column", "栏目未按期更新"),
        EmptyColumn = ("empty_column", "栏目为空"),
        DocNumber = ("doc_number", "文号格式不规范"),
        BadDate = ("bad_date", "日期错误或前后矛盾"),
        Wording = ("wording", "错别字或不当表述"),
        PersonalData = ("personal_data", "个人信息未遮蔽"),
    }
);

impl FindingKind {
    /// Failures in the indicators (broken links, columns not updated, empty columns);
    /// the others are warnings to fix.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            FindingKind::BrokenInternal
                | FindingKind::BrokenAttachment
                | FindingKind::RedirectLoop
                | FindingKind::ExternalError
                | FindingKind::ExternalTimeout
                | FindingKind::ExternalUnreachable
                | FindingKind::StaleColumn
                | FindingKind::EmptyColumn
        )
    }

    /// The content checks of a page's text (warnings for an editor).
    pub fn is_content(self) -> bool {
        matches!(
            self,
            FindingKind::DocNumber
                | FindingKind::BadDate
                | FindingKind::Wording
                | FindingKind::PersonalData
        )
    }

    /// Whether the finding is a link that does not work (the 找错 reports point at these).
    pub fn is_link(self) -> bool {
        matches!(
            self,
            FindingKind::BrokenInternal
                | FindingKind::BrokenAttachment
                | FindingKind::RedirectLoop
                | FindingKind::ExternalError
                | FindingKind::ExternalTimeout
                | FindingKind::ExternalUnreachable
        )
    }
}

code_enum!(
    /// The unit of a column's update rule.
    Unit {
        Day = ("day", "天"),
        Week = ("week", "周"),
        Month = ("month", "个月"),
        Year = ("year", "年"),
    }
);

code_enum!(
    /// Where a column's last update is read from.
    Source {
        DocColumn = ("doc_column", "公文库栏目"),
        DocTopic = ("doc_topic", "主题分类（含下级）"),
        Penalties = ("penalties", "行政处罚案件公开"),
    }
);

/// A column's update rule: at least one new item every `n` `unit`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub n: u32,
    pub unit: Unit,
}

impl Rule {
    /// The last day the column is still fresh after an update on `last`: "2 weeks"
    /// after Monday 1 June is Monday 15 June; "6 months" after 31 August is the last
    /// day of February (calendar months, clamped to the month's end).
    pub fn fresh_until(self, last: NaiveDate) -> NaiveDate {
        let n = self.n.max(1);
        let out = match self.unit {
            Unit::Day => last.checked_add_days(chrono::Days::new(u64::from(n))),
            Unit::Week => last.checked_add_days(chrono::Days::new(7 * u64::from(n))),
            Unit::Month => last.checked_add_months(Months::new(n)),
            Unit::Year => last.checked_add_months(Months::new(12 * n)),
        };
        out.unwrap_or(NaiveDate::MAX)
    }

    pub fn describe(self) -> String {
        format!("每{}{}至少更新一次", self.n, self.unit.label())
    }
}

/// A column's state on `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    Fresh { until: NaiveDate },
    Stale { since: NaiveDate },
    Empty,
}

/// Fresh through `fresh_until(last)` inclusive; stale from the next day; empty
/// when nothing was ever published.
pub fn freshness(rule: Rule, last: Option<NaiveDate>, today: NaiveDate) -> Freshness {
    match last {
        None => Freshness::Empty,
        Some(last) => {
            let until = rule.fresh_until(last);
            if today <= until {
                Freshness::Fresh { until }
            } else {
                Freshness::Stale {
                    since: until.succ_opt().unwrap_or(until),
                }
            }
        }
    }
}

/// What a page's HTML says, for the checks.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageFacts {
    /// `<a href>` targets, in order.
    pub links: Vec<String>,
    /// Subresources (`img`, `script`, `iframe`, `source`, `link` stylesheet/icon):
    /// the mixed-content check looks at these.
    pub resources: Vec<String>,
    /// `src` of the images without an `alt` attribute (`alt=""` marks decoration and
    /// is fine).
    pub images_without_alt: Vec<String>,
    pub title: Option<String>,
}

/// One tag: its lower-case name and attributes (names lower-cased, entities in
/// values decoded for `&amp;`).
/// An attribute: its name and value (`None` when written without `=`).
type Attr = (String, Option<String>);

fn tags(html: &str) -> Vec<(String, Vec<Attr>)> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off + 1;
        if html[start..].starts_with("!--") {
            i = html[start..]
                .find("-->")
                .map(|e| start + e + 3)
                .unwrap_or(b.len());
            continue;
        }
        let name_len = html[start..]
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = start;
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        let mut j = start + name_len;
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let a0 = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let an = html[a0..j].to_ascii_lowercase();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                let (v, next) = match b.get(j) {
                    Some(q @ (b'"' | b'\'')) => {
                        let end = html[j + 1..]
                            .find(*q as char)
                            .map(|e| j + 1 + e)
                            .unwrap_or(b.len());
                        (&html[(j + 1).min(end)..end], (end + 1).min(b.len()))
                    }
                    _ => {
                        let e = html[j..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .map(|e| j + e)
                            .unwrap_or(b.len());
                        (&html[j..e], e)
                    }
                };
                attrs.push((an, Some(decode_entities(v))));
                j = next;
            } else if !an.is_empty() {
                attrs.push((an, None));
            } else {
                j += 1;
            }
        }
        out.push((name, attrs));
        i = j.min(b.len());
        if i < b.len() {
            i += 1;
        }
    }
    out
}

/// Character references in an attribute value: the named ones templates write
/// (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`) and numeric ones (`&#38;`, `&#x26;`).
pub fn decode_entities(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn attr<'a>(attrs: &'a [Attr], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_deref().unwrap_or(""))
}

/// Read a page: links, subresources, images without alt, the title.
pub fn page_facts(html: &str) -> PageFacts {
    let mut f = PageFacts::default();
    for (name, attrs) in tags(html) {
        match name.as_str() {
            "a" | "area" => {
                if let Some(h) = attr(&attrs, "href") {
                    f.links.push(h.trim().to_string());
                }
            }
            "img" => {
                let src = attr(&attrs, "src").unwrap_or("").trim().to_string();
                if attr(&attrs, "alt").is_none() {
                    f.images_without_alt.push(src.clone());
                }
                f.resources.push(src);
            }
            "script" | "iframe" | "source" | "video" | "audio" | "embed" => {
                if let Some(s) = attr(&attrs, "src") {
                    f.resources.push(s.trim().to_string());
                }
            }
            "link" => {
                let rel = attr(&attrs, "rel").unwrap_or("").to_ascii_lowercase();
                if (rel.contains("stylesheet") || rel.contains("icon"))
                    && let Some(h) = attr(&attrs, "href")
                {
                    f.resources.push(h.trim().to_string());
                }
            }
            _ => {}
        }
    }
    let lower = html.to_ascii_lowercase();
    if let Some(s) = lower.find("<title")
        && let Some(gt) = lower[s..].find('>')
        && let Some(e) = lower[s + gt..].find("</title>")
    {
        let t = html[s + gt + 1..s + gt + e].trim();
        if !t.is_empty() {
            f.title = Some(t.to_string());
        }
    }
    f
}

/// Where a link points, seen from the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A path on this site (with its query, without the fragment).
    Internal(String),
    External(String),
    /// mailto:, tel:, javascript:, fragments: not checked.
    Skip,
}

/// Classify `href` found on the page at `page` (a site path). Absolute URLs on one
/// of `own_origins` (e.g. `https://www.example.gov.cn`) are internal.
pub fn classify(href: &str, page: &str, own_origins: &[String]) -> Target {
    let href = href.trim();
    let no_frag = href.split('#').next().unwrap_or("");
    if no_frag.is_empty() {
        return Target::Skip;
    }
    let lower = no_frag.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        for o in own_origins {
            let o = o.trim_end_matches('/');
            if !o.is_empty() && lower.starts_with(&o.to_ascii_lowercase()) {
                let rest = &no_frag[o.len()..];
                if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') {
                    let p = if rest.starts_with('/') {
                        rest.to_string()
                    } else {
                        format!("/{rest}")
                    };
                    return Target::Internal(p);
                }
            }
        }
        return Target::External(no_frag.to_string());
    }
    if lower.starts_with("//") {
        return Target::External(format!("https:{no_frag}"));
    }
    if lower.contains(':') && !lower.starts_with('/') && !lower.starts_with('?') {
        return Target::Skip; // mailto:, tel:, javascript:, data:
    }
    if no_frag.starts_with('/') {
        return Target::Internal(no_frag.to_string());
    }
    let page_path = page.split(['?', '#']).next().unwrap_or("/");
    if let Some(q) = no_frag.strip_prefix('?') {
        return Target::Internal(format!("{page_path}?{q}"));
    }
    let dir = match page_path.rfind('/') {
        Some(i) => &page_path[..=i],
        None => "/",
    };
    Target::Internal(format!("{dir}{no_frag}"))
}

/// Whether `resource` on an HTTPS page is loaded over plain HTTP.
pub fn is_mixed(resource: &str) -> bool {
    resource.trim().to_ascii_lowercase().starts_with("http://")
}

/// The `<loc>` entries of a sitemap.xml.
pub fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(|s| s.trim().replace("&amp;", "&"))
        .collect()
}

/// The key a crawler finding and a 找错 report share for a page: the path (with its
/// query) of a page on this site — given as a path or as a full address on one of
/// `own` (the site's public addresses) — and the full address, without fragment,
/// of a page elsewhere. A trailing slash is dropped (except the home page's).
pub fn url_key(url: &str, own: &[String]) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or("");
    let host = |s: &str| {
        s.split_once("://").map(|(_, r)| {
            r.split(['/', '?'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
    };
    let path = if u.starts_with('/') && !u.starts_with("//") {
        Some(u.to_string())
    } else {
        match host(u) {
            Some(h) if !h.is_empty() && own.iter().any(|o| host(o).as_deref() == Some(&h)) => {
                let rest = &u[u.find("://").map_or(0, |i| i + 3) + h.len()..];
                Some(if rest.starts_with('/') {
                    rest.to_string()
                } else {
                    format!("/{rest}")
                })
            }
            _ => None,
        }
    };
    match path {
        Some(p) => {
            let (p, q) = p
                .split_once('?')
                .map_or((p.as_str(), None), |(a, b)| (a, Some(b)));
            let p = if p.len() > 1 {
                p.trim_end_matches('/')
            } else {
                p
            };
            let p = if p.is_empty() { "/" } else { p };
            match q {
                Some(q) if !q.is_empty() => format!("{p}?{q}"),
                _ => p.to_string(),
            }
        }
        None => u.to_string(),
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
