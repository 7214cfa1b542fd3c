//! Document bodies as sanitised rich text.
//!
//! Staff write plain text with a few marks — `**加粗**`, `## 小标题`, lists (`- `, `1. `),
//! tables (`| a | b |`, the first row is the header; the `| --- |` line under it is
//! optional), links — rendered by a CommonMark parser. Nothing the writer
//! types can become markup of its own: raw HTML is shown as text, links only to
//! http(s), site paths or anchors, no images (attachments are separate). Every line
//! is a paragraph, as in government documents (and in imported texts).

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};

/// Which kind of multi-line block a line belongs to, if any.
fn block_kind(line: &str) -> Option<u8> {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if t.starts_with('|') {
        Some(1)
    } else if t.starts_with("- ")
        || t.starts_with("* ")
        || (digits > 0 && t[digits..].starts_with(". "))
    {
        Some(2)
    } else if t.starts_with("> ") {
        Some(3)
    } else {
        None
    }
}

/// A table's `| --- | --- |` line (dashes, colons, spaces between pipes).
fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The cells of a table row written `| a | b |` (leading and closing pipe required,
/// so a paragraph that merely starts with a pipe stays text); `None` otherwise.
fn row_cells(line: &str) -> Option<usize> {
    let t = line.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    Some(inner.split('|').count())
}

/// The separator line to add under the first row of a table written without one
/// (as the editor's hint shows it: `| 甲 | 乙 |`): the first row becomes the header.
/// `None` when the row is not a table row or the table already has its separator.
fn missing_separator(first: &str, next: Option<&str>) -> Option<String> {
    if is_separator_row(first) || next.is_some_and(is_separator_row) {
        return None;
    }
    let cells = row_cells(first)?;
    Some(format!("|{}", " --- |".repeat(cells)))
}

/// One line, one paragraph, except inside tables and lists.
fn paragraphs_per_line(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut out = String::with_capacity(body.len() + lines.len());
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let starts_table = block_kind(line) == Some(1)
            && (i == 0 || lines.get(i - 1).and_then(|p| block_kind(p)) != Some(1));
        if starts_table && let Some(sep) = missing_separator(line, lines.get(i + 1).copied()) {
            out.push('\n');
            out.push_str(&sep);
        }
        let same_block = block_kind(line)
            .is_some_and(|k| lines.get(i + 1).and_then(|n| block_kind(n)) == Some(k));
        if same_block {
            out.push('\n');
        } else {
            out.push_str("\n\n");
        }
    }
    out
}

fn safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("https://")
        || u.starts_with("http://")
        || (u.starts_with('/') && !u.starts_with("//"))
        || u.starts_with('#')
}

/// Render a body to HTML that contains only the markup we generate.
pub fn to_html(body: &str) -> String {
    let text = paragraphs_per_line(body);
    let parser = Parser::new_ext(
        &text,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    // Images are dropped (their alt text stays as text); raw HTML becomes text.
    let events = parser.filter_map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if safe_url(&dest_url) {
                dest_url
            } else {
                CowStr::Borrowed("#")
            };
            Some(Event::Start(Tag::Link {
                link_type: if link_type == LinkType::Email {
                    LinkType::Inline
                } else {
                    link_type
                },
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => None,
        other => Some(other),
    });
    let mut out = String::with_capacity(text.len() * 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::to_html;

    /// Only our own tags, and links only to safe places.
    fn only_safe_markup(h: &str) -> bool {
        const ALLOWED: [&str; 22] = [
            "p",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "strong",
            "em",
            "del",
            "ul",
            "ol",
            "li",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "a",
            "blockquote",
            "code",
        ];
        h.match_indices('<').all(|(i, _)| {
            let rest = h[i + 1..].trim_start_matches('/');
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let ok_tag =
                ALLOWED.contains(&name.as_str()) || name == "pre" || name == "hr" || name == "br";
            let ok_link = name != "a"
                || rest.starts_with("a>")
                || rest.starts_with("a href=\"/") && !rest.starts_with("a href=\"//")
                || rest.starts_with("a href=\"http")
                || rest.starts_with("a href=\"#");
            ok_tag && ok_link
        })
    }

    #[test]
    fn every_line_is_a_paragraph() {
        assert_eq!(
            to_html("第一段。\n第二段。"),
            "<p>第一段。</p>\n<p>第二段。</p>\n"
        );
    }

    #[test]
    fn marks_render() {
        let h = to_html(
            "## 一、总体要求\n**加粗**和~~删除~~\n- 甲\n- 乙\n| 项目 | 数量 |\n| --- | --- |\n| 罚款 | 3 |",
        );
        assert!(h.contains("<h2>一、总体要求</h2>"), "{h}");
        assert!(
            h.contains("<strong>加粗</strong>") && h.contains("<del>删除</del>"),
            "{h}"
        );
        assert!(h.contains("<li>甲</li>\n<li>乙</li>"), "{h}");
        assert!(h.contains("<table>") && h.contains("<td>罚款</td>"), "{h}");
    }

    #[test]
    fn tables_without_separator_take_the_first_row_as_header() {
        // As the editor's hint shows it: no `| --- |` line.
        let h = to_html("说明如下：\n| 项目 | 数量 |\n| 罚款 | 3 |\n| 警告 | 1 |\n之后的段落。");
        assert!(h.contains("<table>"), "{h}");
        assert!(
            h.contains("<th>项目</th>") && h.contains("<th>数量</th>"),
            "{h}"
        );
        assert!(
            h.contains("<td>罚款</td>") && h.contains("<td>1</td>"),
            "{h}"
        );
        assert!(!h.contains("| 项目"), "no literal pipes: {h}");
        assert!(h.contains("<p>之后的段落。</p>"), "{h}");
        // One row alone is a header-only table.
        let one = to_html("| 甲 | 乙 |");
        assert!(
            one.contains("<th>甲</th>") && one.contains("<th>乙</th>"),
            "{one}"
        );
        // With the separator, nothing is added (one header row, not two).
        let with = to_html("| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |");
        assert_eq!(with.matches("<tr>").count(), 2, "{with}");
        assert!(with.contains("<td>1</td>"), "{with}");
        // Two tables separated by text each get their header.
        let two = to_html("| 甲 |\n| 1 |\n文字\n| 乙 |\n| 2 |");
        assert_eq!(two.matches("<table>").count(), 2, "{two}");
        assert!(two.contains("<th>乙</th>"), "{two}");
        // A paragraph that only starts with a pipe is not a table.
        let text = to_html("|注意事项");
        assert!(!text.contains("<table>"), "{text}");
    }

    #[test]
    fn separator_rule() {
        assert!(super::is_separator_row("| --- | :---: |"));
        assert!(!super::is_separator_row("| 甲 | 乙 |"));
        assert_eq!(
            super::missing_separator("| 甲 | 乙 | 丙 |", Some("| 1 | 2 | 3 |")).as_deref(),
            Some("| --- | --- | --- |")
        );
        assert_eq!(super::missing_separator("| 甲 |", Some("| --- |")), None);
        assert_eq!(super::missing_separator("| 甲", None), None);
    }

    #[test]
    fn nothing_typed_becomes_markup() {
        for evil in [
            "<script>alert(1)</script>",
            "正文<img src=x onerror=alert(1)>正文",
            "<div onclick=\"x()\">块</div>",
            "[点我](javascript:alert(1))",
            "![图](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">链接</a>",
            "[x](//evil.example/)",
        ] {
            let h = to_html(evil);
            assert!(only_safe_markup(&h), "{evil} → {h}");
        }
        assert!(
            !only_safe_markup("<p><script>x</script></p>")
                && !only_safe_markup("<a href=\"javascript:x\">y</a>"),
            "the check itself bites"
        );
        assert!(to_html("[站内](/xxgk)").contains("<a href=\"/xxgk\">站内</a>"));
        assert!(to_html("[政府网](https://www.gov.cn/)").contains("href=\"https://www.gov.cn/\""));
    }
}
