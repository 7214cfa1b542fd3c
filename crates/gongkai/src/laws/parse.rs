//! Parsing a law in the corpus' markdown format: `# 标题`, the adoption and amendment
//! history up to `<!-- INFO END -->`, headings (编/章/节) as `##`–`####`, and articles
//! starting with 第X条. Pure.

use serde::{Deserialize, Serialize};

/// A heading of the outline, with the ordinal of its first article (its anchor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub first_article: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// 1-based position in the law (the anchor `a{ordinal}`).
    pub ordinal: usize,
    /// 第十二条
    pub number: String,
    /// The headings it sits under, joined (第二章 口岸开放 › 第一节 …).
    pub heading: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Law {
    pub title: String,
    pub info: Vec<String>,
    pub outline: Vec<Heading>,
    pub articles: Vec<Article>,
}

const NUMERALS: &str = "零〇一二三四五六七八九十百千万两";

/// `第…条` at the start of a line: the number and the rest of the line.
fn article_start(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('第')?;
    let end = rest.find('条')?;
    let num = &rest[..end];
    if num.is_empty()
        || !num
            .chars()
            .all(|c| NUMERALS.contains(c) || c.is_ascii_digit() || c == '之')
    {
        return None;
    }
    let mut after = &rest[end + '条'.len_utf8()..];
    // 第十条之一: an article inserted by an amendment.
    let mut suffix = String::new();
    if let Some(tail) = after.strip_prefix('之') {
        let n: String = tail.chars().take_while(|c| NUMERALS.contains(*c)).collect();
        if !n.is_empty() {
            suffix = format!("之{n}");
            after = &tail[n.len()..];
        }
    }
    let after = after.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
    Some((format!("第{num}条{suffix}"), after.to_string()))
}

pub fn parse(text: &str) -> Option<Law> {
    let mut lines = text.lines();
    let title = lines
        .by_ref()
        .find(|l| !l.trim().is_empty())?
        .trim()
        .strip_prefix("# ")?
        .trim()
        .to_string();
    let body: Vec<&str> = lines.collect();
    let info_end = body.iter().position(|l| l.trim() == "<!-- INFO END -->");
    let (info_lines, rest) = match info_end {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (&body[..0], &body[..]),
    };
    let info = info_lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let mut outline = Vec::new();
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut articles: Vec<Article> = Vec::new();
    for raw in rest {
        let line = raw.trim();
        if line.is_empty() || line.starts_with("<!--") {
            continue;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if (2..=4).contains(&hashes) && line[hashes..].starts_with(' ') {
            let text = line[hashes..]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let level = hashes as u8;
            stack.retain(|(l, _)| *l < level);
            stack.push((level, text.clone()));
            outline.push(Heading {
                level,
                text,
                first_article: articles.len() + 1,
            });
            continue;
        }
        if let Some((number, first)) = article_start(line) {
            articles.push(Article {
                ordinal: articles.len() + 1,
                number,
                heading: stack
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" › "),
                text: first,
            });
        } else if let Some(a) = articles.last_mut() {
            a.text.push('\n');
            a.text.push_str(line);
        }
    }
    Some(Law {
        title,
        info,
        outline,
        articles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# 上海口岸服务条例\n\n2011年11月17日 通过\n\n2020年5月14日 第一次修正\n\n<!-- INFO END -->\n\n## 第一章  总则\n\n第一条 为了规范口岸开放，制定本条例。\n\n第二条 本条例所称的口岸，是指港口。\n\n本款为第二条第二款。\n\n## 第二章  口岸开放\n\n### 第一节 规划\n\n第三条　全角空格之后的正文。\n\n第十条之一 插入的条文。\n";

    #[test]
    fn title_history_outline_and_articles() {
        let law = parse(SAMPLE).expect("law");
        assert_eq!(law.title, "上海口岸服务条例");
        assert_eq!(law.info.len(), 2);
        assert_eq!(law.outline.len(), 3);
        assert_eq!(law.outline[1].text, "第二章 口岸开放");
        assert_eq!(law.outline[1].first_article, 3);
        assert_eq!(law.articles.len(), 4);
        assert_eq!(law.articles[1].number, "第二条");
        assert_eq!(
            law.articles[1].text,
            "本条例所称的口岸，是指港口。\n本款为第二条第二款。"
        );
        assert_eq!(law.articles[2].text, "全角空格之后的正文。");
        assert_eq!(law.articles[2].heading, "第二章 口岸开放 › 第一节 规划");
        assert_eq!(law.articles[3].number, "第十条之一");
    }

    #[test]
    fn not_a_law() {
        assert!(parse("no title").is_none());
        assert!(article_start("第三方认为").is_none());
        assert!(article_start("第二百三十四条 故意伤害").is_some());
    }
}
