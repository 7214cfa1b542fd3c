//! 智能小城 — pure types and rules: FAQ entries with their sources and 相似问法, the
//! bank that ships with the product (demo-data/data/faq.jsonl and
//! faq-paraphrases.tsv), and the text formats staff edit sources and 相似问法 in.

use serde::{Deserialize, Serialize};

/// The most 相似问法 an entry keeps, and the longest one (characters).
pub const MAX_PARAPHRASES: usize = 100;
pub const MAX_PARAPHRASE_CHARS: usize = 200;
/// The longest question the assistant reads (characters); the rest is ignored.
pub const MAX_QUESTION_CHARS: usize = 300;

/// Where an answer comes from: a law article (`law`, `article`, optionally its
/// `path` in the law corpus) or a page (`title`, `url`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Source {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub law: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub article: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
}

impl Source {
    /// How the source is named on a page: 《法规》第X条, or the page's title.
    pub fn label(&self) -> String {
        if self.law.is_empty() {
            self.title.clone()
        } else {
            format!("《{}》{}", self.law, self.article)
        }
    }
}

/// One FAQ entry as the bank holds it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// `faq-001` …: the id of faq.jsonl, kept for entries staff add (`faq-151` …).
    pub faq_id: String,
    pub category: String,
    pub question: String,
    pub answer: String,
    pub sources: Vec<Source>,
    pub paraphrases: Vec<String>,
}

#[derive(Deserialize)]
struct FaqLine {
    id: String,
    category: String,
    question: String,
    answer: String,
    #[serde(default)]
    sources: Vec<Source>,
}

const FAQ: &str = include_str!("../../demo-data/data/faq.jsonl");
const PARAPHRASES: &str = include_str!("../../demo-data/data/faq-paraphrases.tsv");

/// The bank that ships with the product: the FAQ entries with their 相似问法.
pub fn bundled() -> anyhow::Result<Vec<Entry>> {
    parse_bank(FAQ, PARAPHRASES)
}

/// Parse a FAQ file (JSON Lines) and a 相似问法 file (`faq-id<TAB>wording`, `#`
/// comments). A 相似问法 of an unknown id is an error naming the line.
pub fn parse_bank(faq: &str, paraphrases: &str) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for (i, line) in faq.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: FaqLine = serde_json::from_str(line)
            .map_err(|e| anyhow::anyhow!("faq.jsonl 第 {} 行：{e}", i + 1))?;
        out.push(Entry {
            faq_id: l.id,
            category: l.category,
            question: l.question,
            answer: l.answer,
            sources: l.sources,
            paraphrases: Vec::new(),
        });
    }
    for (i, line) in paraphrases.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, text) = line
            .split_once('\t')
            .ok_or_else(|| anyhow::anyhow!("相似问法第 {} 行缺少制表符", i + 1))?;
        let e = out
            .iter_mut()
            .find(|e| e.faq_id == id.trim())
            .ok_or_else(|| anyhow::anyhow!("相似问法第 {} 行：没有条目 {id}", i + 1))?;
        e.paraphrases.push(text.trim().to_string());
    }
    Ok(out)
}

/// The 相似问法 of a text area: one per line, trimmed, without blanks, repeats or
/// the question itself; errors for an over-long line or too many.
pub fn parse_paraphrases(text: &str, question: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if l.chars().count() > MAX_PARAPHRASE_CHARS {
            return Err(format!("每条相似问法不超过 {MAX_PARAPHRASE_CHARS} 字"));
        }
        if l != question.trim() && !out.iter().any(|o| o == l) {
            out.push(l.to_string());
        }
    }
    if out.len() > MAX_PARAPHRASES {
        return Err(format!("相似问法不超过 {MAX_PARAPHRASES} 条"));
    }
    Ok(out)
}

/// The sources as staff edit them, one per line: `法规名 | 第X条 | 法规库路径`
/// (the path may be left out) or `标题 | /站内地址` / `标题 | https://…`.
pub fn sources_text(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| {
            if s.law.is_empty() {
                format!("{} | {}", s.title, s.url)
            } else if s.path.is_empty() {
                format!("{} | {}", s.law, s.article)
            } else {
                format!("{} | {} | {}", s.law, s.article, s.path)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parse [`sources_text`]'s format; an error names the line that does not fit.
pub fn parse_sources(text: &str) -> Result<Vec<Source>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split(['|', '｜']).map(str::trim).collect();
        let bad = || {
            format!(
                "来源第 {} 行格式不对：应为“法规名 | 第X条”或“标题 | 链接”",
                i + 1
            )
        };
        match parts.as_slice() {
            [title, url]
                if url.starts_with('/')
                    || url.starts_with("https://")
                    || url.starts_with("http://") =>
            {
                if title.is_empty() || url.contains(char::is_whitespace) {
                    return Err(bad());
                }
                out.push(Source {
                    title: title.to_string(),
                    url: url.to_string(),
                    ..Default::default()
                });
            }
            [law, article] | [law, article, _] if !law.is_empty() && article.starts_with('第') => {
                out.push(Source {
                    law: law.trim_matches(['《', '》']).to_string(),
                    article: article.to_string(),
                    path: parts.get(2).map(|p| p.to_string()).unwrap_or_default(),
                    ..Default::default()
                });
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// The number of an article heading (第二十五条 → 25, 第一百零三条 → 103,
/// 第十条之一 → 10), the anchor of the article on the law's page.
pub fn article_number(article: &str) -> Option<u32> {
    let inner = article.strip_prefix('第')?;
    let end = inner.find('条')?;
    let digits = &inner[..end];
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    let mut total = 0u32;
    let mut current = 0u32;
    for c in digits.chars() {
        let d = match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += current.max(1) * unit;
                current = 0;
                continue;
            }
            _ => return None,
        };
        current = d;
    }
    let n = total + current;
    (n > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_bank_has_150_entries_each_with_three_or_more_paraphrases() {
        let bank = bundled().expect("bank");
        assert_eq!(bank.len(), 150);
        assert_eq!(bank[0].faq_id, "faq-001");
        for e in &bank {
            assert!(e.paraphrases.len() >= 3, "{} has too few", e.faq_id);
            assert!(!e.sources.is_empty(), "{} has no source", e.faq_id);
        }
    }

    #[test]
    fn an_unknown_id_in_the_paraphrase_file_is_an_error() {
        let faq = r#"{"id":"faq-001","category":"c","question":"q","answer":"a","sources":[]}"#;
        assert!(parse_bank(faq, "faq-002\t问").is_err());
        assert!(parse_bank(faq, "faq-001 问").is_err());
        let ok = parse_bank(faq, "# c\nfaq-001\t问\n").expect("ok");
        assert_eq!(ok[0].paraphrases, ["问"]);
    }

    #[test]
    fn sources_round_trip_through_the_editor_format() {
        let s = vec![
            Source {
                law: "上海市市容环境卫生管理条例".into(),
                article: "第二十五条".into(),
                path: "DLC/x.md".into(),
                ..Default::default()
            },
            Source {
                law: "行政处罚法".into(),
                article: "第五十一条".into(),
                ..Default::default()
            },
            Source {
                title: "依申请公开".into(),
                url: "/ysqgk".into(),
                ..Default::default()
            },
        ];
        assert_eq!(parse_sources(&sources_text(&s)).expect("parse"), s);
        assert!(parse_sources("只有一段").is_err());
        assert!(parse_sources("标题 | javascript:alert(1)").is_err());
        assert_eq!(
            parse_sources("《行政处罚法》｜第五十一条").expect("ok")[0].law,
            "行政处罚法"
        );
    }

    #[test]
    fn paraphrases_are_trimmed_deduplicated_and_limited() {
        let p = parse_paraphrases(" 甲 \n\n乙\n甲\n问题", "问题").expect("ok");
        assert_eq!(p, ["甲", "乙"]);
        assert!(parse_paraphrases(&"长".repeat(201), "").is_err());
    }

    #[test]
    fn article_numbers_in_chinese_numerals() {
        assert_eq!(article_number("第二十五条"), Some(25));
        assert_eq!(article_number("第十条"), Some(10));
        assert_eq!(article_number("第一百零三条"), Some(103));
        assert_eq!(article_number("第三十六条之一"), Some(36));
        assert_eq!(article_number("第7条"), Some(7));
        assert_eq!(article_number("附则"), None);
    }
}
