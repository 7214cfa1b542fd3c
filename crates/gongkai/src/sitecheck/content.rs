//! 网站巡检 content checks, pure: the text of a public page or document is read for
//! 文号 written wrongly (机关代字〔YYYY〕N号), impossible or contradictory dates,
//! listed wrong wordings (`wordings.tsv`, the project's own list) and personal
//! data left unmasked (what `redact` would mask: phones, ID and bank card numbers;
//! names are left out to keep false positives down). Findings are warnings, and
//! their excerpts never carry the personal data itself.

use chrono::{Datelike, NaiveDate};

use super::model::{FindingKind, decode_entities};

/// The default list of wrong wordings, compiled in (see `wordings.SOURCE.md`).
pub const DEFAULT_WORDINGS: &str = include_str!("wordings.tsv");

/// Findings kept per page at most (a page full of one mistake says so once enough).
pub const MAX_PER_PAGE: usize = 20;

/// One wrong wording and its correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    pub wrong: String,
    pub right: String,
    pub note: String,
    /// Longer strings containing `wrong` in which it is correct (必需品).
    pub except: Vec<String>,
}

/// Read a wordings list: `wrong<TAB>right<TAB>note<TAB>exceptions` (separated by
/// ASCII commas, so an exception may end in a Chinese comma: `必需，`), `#` comments.
pub fn parse_wordings(src: &str) -> Vec<Wording> {
    src.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let wrong = cols.next()?.trim().to_string();
            let right = cols.next()?.trim().to_string();
            let note = cols.next().unwrap_or("").trim().to_string();
            let except = cols
                .next()
                .unwrap_or("")
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            (!wrong.is_empty()).then_some(Wording {
                wrong,
                right,
                note,
                except,
            })
        })
        .collect()
}

pub fn default_wordings() -> Vec<Wording> {
    parse_wordings(DEFAULT_WORDINGS)
}

/// One thing found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub kind: FindingKind,
    /// The offending text with a little context, personal data masked.
    pub excerpt: String,
    pub suggestion: String,
}

impl Issue {
    /// The finding's detail line.
    pub fn detail(&self) -> String {
        format!("“{}”：{}", self.excerpt, self.suggestion)
    }
}

/// The visible text of a page's `<main>` (or `<body>`, or all of it): tags
/// stripped, `script`/`style` dropped, block ends as line breaks.
pub fn main_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let slice = |open: &str, close: &str| {
        let s = lower.find(open)?;
        let gt = s + lower[s..].find('>')? + 1;
        let e = lower[gt..].find(close).map_or(html.len(), |e| gt + e);
        Some((gt, e))
    };
    let (s, e) = slice("<main", "</main>")
        .or_else(|| slice("<body", "</body>"))
        .unwrap_or((0, html.len()));
    let src = &html[s..e];
    let low = &lower[s..e];
    let mut out = String::with_capacity(src.len() / 2);
    let mut i = 0;
    while let Some(off) = src[i..].find('<') {
        out.push_str(&decode_entities(&src[i..i + off]));
        let t = i + off;
        let end = src[t..].find('>').map_or(src.len(), |g| t + g + 1);
        let tag = &low[t..end];
        let skip_to = ["script", "style"].iter().find_map(|n| {
            tag.starts_with(&format!("<{n}"))
                .then(|| low[end..].find(&format!("</{n}")))
                .flatten()
                .map(|c| end + c)
        });
        if tag.starts_with("</p")
            || tag.starts_with("<br")
            || tag.starts_with("</li")
            || tag.starts_with("</tr")
            || tag.starts_with("</h")
            || tag.starts_with("</div")
        {
            out.push('\n');
        } else if tag.starts_with("</t") {
            out.push(' ');
        }
        i = skip_to.unwrap_or(end).min(src.len());
    }
    out.push_str(&decode_entities(&src[i..]));
    out
}

/// Check a page's text on `today` against `words`.
pub fn check(text: &str, words: &[Wording], today: NaiveDate) -> Vec<Issue> {
    let mut out = Vec::new();
    doc_numbers(text, today, &mut out);
    dates(text, &mut out);
    wordings(text, words, &mut out);
    personal(text, &mut out);
    out.truncate(MAX_PER_PAGE);
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Up to `n` characters either side of `text[s..e]`.
fn excerpt(text: &str, s: usize, e: usize, n: usize) -> String {
    excerpt_with(text, s, e, n, &text[s..e])
}

/// Like [`excerpt`], with `middle` written instead of `text[s..e]`.
fn excerpt_with(text: &str, s: usize, e: usize, n: usize, middle: &str) -> String {
    let before: String = {
        let mut v: Vec<char> = text[..s].chars().rev().take(n).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[e..].chars().take(n).collect();
    let joined = format!("{before}{middle}{after}");
    let one_line: String = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    mask(&one_line)
}

/// Personal data in an excerpt, masked as `redact` masks it.
fn mask(s: &str) -> String {
    let r = redact::redact(s, &crate::names_model::options());
    let mut out = s.to_string();
    for m in r.maskings.iter().rev() {
        if matches!(
            m.kind,
            redact::Kind::Phone | redact::Kind::IdCard | redact::Kind::BankCard
        ) && out.is_char_boundary(m.start)
            && out.is_char_boundary(m.end)
        {
            out.replace_range(m.start..m.end, &m.replacement);
        }
    }
    out
}

const OPEN: [char; 10] = ['〔', '[', '(', '（', '【', '［', '〈', '《', '{', '｛'];
const CLOSE: [char; 10] = ['〕', ']', ')', '）', '】', '］', '〉', '》', '}', '｝'];

/// Characters that end a 机关代字 looking backwards (依据沪府发…, 和沪府发…).
const STOP: [char; 14] = [
    '号', '和', '及', '与', '的', '见', '据', '照', '按', '依', '第', '在', '是', '文',
];

/// 文号: 机关代字 + 〔year〕 + number + 号.
fn doc_numbers(text: &str, today: NaiveDate, out: &mut Vec<Issue>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(pos, c)) in chars.iter().enumerate() {
        if !OPEN.contains(&c) {
            continue;
        }
        // 机关代字 before the bracket.
        let mut p = k;
        while p > 0 && is_cjk(chars[p - 1].1) && !STOP.contains(&chars[p - 1].1) && k - p < 10 {
            p -= 1;
        }
        let agency = p < k;
        if !agency && c != '〔' {
            continue;
        }
        let digits: String = chars[k + 1..]
            .iter()
            .take(4)
            .map(|(_, d)| *d)
            .filter(char::is_ascii_digit)
            .collect();
        if digits.len() != 4 || !(digits.starts_with("19") || digits.starts_with("20")) {
            continue;
        }
        let Some(&(_, close)) = chars.get(k + 5) else {
            continue;
        };
        if !CLOSE.contains(&close) {
            continue;
        }
        let mut q = k + 6;
        while chars.get(q).is_some_and(|(_, d)| d.is_ascii_digit()) {
            q += 1;
        }
        if q == k + 6 {
            continue; // （2024）沪0101…: a court case number, not a 文号.
        }
        let number: String = chars[k + 6..q].iter().map(|(_, d)| *d).collect();
        let next = chars.get(q).map(|(_, d)| *d);
        let has_hao = next == Some('号');
        let listed = matches!(
            next,
            Some('、' | '，' | ',' | '和' | '至' | '-' | '—' | '~')
        );
        let end_idx = if has_hao { q + 1 } else { q };
        let s = chars[p].0;
        let e = chars.get(end_idx).map_or(text.len(), |(i, _)| *i);
        let prefix = &text[s..pos];
        let trimmed = number.trim_start_matches('0');
        let fixed = format!(
            "{prefix}〔{digits}〕{}号",
            if trimmed.is_empty() { "0" } else { trimmed }
        );
        let mut problems = Vec::new();
        if c != '〔' || close != '〕' {
            problems.push(format!("年份应使用六角括号〔〕，不用{c}{close}"));
        }
        if !has_hao && !listed {
            problems.push("序号后缺少“号”".to_string());
        }
        if number.starts_with('0') && number.len() > 1 {
            problems.push("序号不编虚位（不加“0”）".to_string());
        }
        let year: i32 = digits.parse().unwrap_or(0);
        if year > today.year() {
            problems.push(format!("年份{year}晚于今年，请核对"));
        }
        if !problems.is_empty() {
            let suggestion = if year > today.year() && problems.len() == 1 {
                problems.join("；")
            } else {
                format!("{}，应为“{fixed}”", problems.join("；"))
            };
            out.push(Issue {
                kind: FindingKind::DocNumber,
                excerpt: mask(&text[s..e]),
                suggestion,
            });
        }
    }
}

/// A date at byte `i`: 2024年2月30日 or 2024-02-30 / 2024/2/30. Returns
/// (year, month, day, end).
fn date_at(text: &str, i: usize) -> Option<(i32, u32, u32, usize)> {
    let b = text.as_bytes();
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'-' | b'/' | b'.')) {
        return None;
    }
    let num = |at: usize, max: usize| {
        let n = b[at..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        (n > 0).then(|| (text[at..at + n].parse::<u32>().ok(), at + n))
    };
    let (y, j) = num(i, 4)?;
    let y = y?;
    if j - i != 4 || !(1900..2100).contains(&y) {
        return None;
    }
    let rest = &text[j..];
    let (sep_m, sep_d, end_mark) = if rest.starts_with('年') {
        ("年", "月", Some("日"))
    } else if rest.starts_with('-') {
        ("-", "-", None)
    } else if rest.starts_with('/') {
        ("/", "/", None)
    } else {
        return None;
    };
    let k = j + sep_m.len();
    let (m, k) = num(k, 2)?;
    if !text[k..].starts_with(sep_d) {
        return None;
    }
    let k = k + sep_d.len();
    let (d, k) = num(k, 2)?;
    let end = match end_mark {
        Some(mark) => {
            if !text[k..].starts_with(mark) {
                return None;
            }
            k + mark.len()
        }
        None => {
            if b.get(k)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'/')
            {
                return None;
            }
            k
        }
    };
    Some((y as i32, m?, d?, end))
}

fn month_days(y: i32, m: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    u32::try_from((next - first).num_days()).ok()
}

/// Every date in the text with its position: (start, end, date or None when impossible).
fn all_dates(text: &str) -> Vec<(usize, usize, i32, u32, u32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text.as_bytes()[i].is_ascii_digit()
            && let Some((y, m, d, end)) = date_at(text, i)
        {
            out.push((i, end, y, m, d));
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// The date written right after `label` (成文日期：2024年3月1日).
fn labelled(
    text: &str,
    labels: &[&str],
    found: &[(usize, usize, i32, u32, u32)],
) -> Option<(NaiveDate, usize, usize)> {
    labels.iter().find_map(|l| {
        let at = text.find(l)? + l.len();
        let gap = text[at..]
            .char_indices()
            .take_while(|(_, c)| c.is_whitespace() || matches!(c, '：' | ':'))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let start = at + gap;
        let (s, e, y, m, d) = found.iter().find(|f| f.0 == start)?;
        Some((NaiveDate::from_ymd_opt(*y, *m, *d)?, *s, *e))
    })
}

fn dates(text: &str, out: &mut Vec<Issue>) {
    let found = all_dates(text);
    for &(s, e, y, m, d) in &found {
        if NaiveDate::from_ymd_opt(y, m, d).is_some() {
            continue;
        }
        let suggestion = match month_days(y, m) {
            None => format!("日期不存在：月份应为1至12，写作{m}"),
            Some(n) => format!("日期不存在：{y}年{m}月只有{n}天"),
        };
        out.push(Issue {
            kind: FindingKind::BadDate,
            excerpt: excerpt(text, s, e, 8),
            suggestion,
        });
    }
    let written = labelled(text, &["成文日期"], &found);
    let published = labelled(text, &["发布日期", "印发日期"], &found);
    if let (Some((w, ws, _)), Some((p, _, pe))) = (written, published)
        && w > p
    {
        let (s, e) = (ws.min(pe), ws.max(pe));
        out.push(Issue {
            kind: FindingKind::BadDate,
            excerpt: excerpt(text, s, e.min(text.len()), 0),
            suggestion: format!("成文日期{w}晚于发布日期{p}，请核对"),
        });
    }
}

fn wordings(text: &str, words: &[Wording], out: &mut Vec<Issue>) {
    for w in words {
        for (s, _) in text.match_indices(w.wrong.as_str()) {
            let e = s + w.wrong.len();
            let excused = w.except.iter().any(|x| {
                x.match_indices(w.wrong.as_str()).any(|(k, _)| {
                    s >= k && text.is_char_boundary(s - k) && text[s - k..].starts_with(x.as_str())
                })
            });
            if excused {
                continue;
            }
            let note = if w.note.is_empty() {
                String::new()
            } else {
                format!("（{}）", w.note)
            };
            out.push(Issue {
                kind: FindingKind::Wording,
                excerpt: excerpt(text, s, e, 8),
                suggestion: format!("“{}”应为“{}”{note}", w.wrong, w.right),
            });
        }
    }
}

/// Whether a masking `redact` makes is one this check reports: ID and bank card
/// numbers, and mobile phones (a landline on a public page is usually an office's).
fn reported(m: &redact::Masking) -> bool {
    match m.kind {
        redact::Kind::IdCard | redact::Kind::BankCard => true,
        redact::Kind::Phone => {
            let d: String = m.original.chars().filter(char::is_ascii_digit).collect();
            // A mobile number: 13x, 14[5-9], 15x–19x (144… in a statistics table is not).
            let b = d.as_bytes();
            let n = b.len();
            n >= 11
                && b[n - 11] == b'1'
                && match b[n - 10] {
                    b'3' | b'5'..=b'9' => true,
                    b'4' => b[n - 9] >= b'5',
                    _ => false,
                }
        }
        _ => false,
    }
}

fn personal(text: &str, out: &mut Vec<Issue>) {
    let r = redact::redact(text, &crate::names_model::options());
    for m in r.maskings.iter().filter(|m| reported(m)) {
        if !text.is_char_boundary(m.start) || !text.is_char_boundary(m.end) {
            continue;
        }
        out.push(Issue {
            kind: FindingKind::PersonalData,
            excerpt: excerpt_with(text, m.start, m.end, 8, &m.replacement),
            suggestion: format!(
                "公开页面上的{}未遮蔽，应遮蔽为“{}”",
                m.kind.label(),
                m.replacement
            ),
        });
    }
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;
