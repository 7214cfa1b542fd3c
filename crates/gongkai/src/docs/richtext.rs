//! Document bodies as sanitised rich text.
//!
//! Staff write plain text with a few marks — `**加粗**`, `## 小标题`, lists (`- `, `1. `),
//! tables (`| a | b |`), links — rendered by a CommonMark parser. Nothing the writer
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

/// One line, one paragraph, except inside tables and lists.
fn paragraphs_per_line(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut out = String::with_capacity(body.len() + lines.len());
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
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
