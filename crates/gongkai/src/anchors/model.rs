//! Audit anchors: the published heads of the audit hash chain, and how a copy of
//! them (the Atom feed saved, or fetched) is read back and compared.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// One day's record of the chain head.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Anchor {
    pub id: i64,
    pub day: NaiveDate,
    pub seq: i64,
    pub hash: String,
    pub at: DateTime<Utc>,
}

impl Anchor {
    /// The machine-readable line published for each anchor (feed and page).
    pub fn line(&self) -> String {
        line(self.seq, &self.hash)
    }
}

/// `seq=N hash=H`: what [`parse`] finds again in any copy of the feed.
pub fn line(seq: i64, hash: &str) -> String {
    format!("seq={seq} hash={hash}")
}

/// A published anchor read back from a copy: the sequence number and hash it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub seq: i64,
    pub hash: String,
}

/// Every `seq=N hash=H` (H: 64 hexadecimal digits) in `text`, in order, without
/// repeats: the Atom feed (saved or fetched), the page, or a list kept by hand.
pub fn parse(text: &str) -> Vec<Published> {
    let mut out: Vec<Published> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("seq=") {
        rest = &rest[i + 4..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = rest[digits.len()..].trim_start();
        let Some(h) = after.strip_prefix("hash=") else {
            continue;
        };
        let hash: String = h.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        if let Ok(seq) = digits.parse::<i64>()
            && hash.len() == 64
        {
            let p = Published {
                seq,
                hash: hash.to_ascii_lowercase(),
            };
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// What is wrong with one published anchor, given the hash the chain now holds at
/// its sequence number (`None`: no such entry). Sequence 0 is the empty chain.
pub fn compare(p: &Published, now: Option<&str>) -> Option<String> {
    if p.seq == 0 {
        return None;
    }
    match now {
        None => Some(format!(
            "已发布锚点的第 {} 条在日志中不存在（发布后被删除或链被截短）",
            p.seq
        )),
        Some(h) if h != p.hash => Some(format!(
            "第 {} 条的哈希与已发布锚点不符（已发布 {}，现为 {}）：审计链在发布后被改写",
            p.seq,
            short(&p.hash),
            short(h)
        )),
        Some(_) => None,
    }
}

fn short(h: &str) -> &str {
    h.get(..16).unwrap_or(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_finds_each_line_once() {
        let h = "a".repeat(64);
        let text = format!(
            "<content>seq=12 hash={h}</content>\n<x>seq=3 hash=zz</x> seq=12 hash={h} seq=7  hash={}",
            "B".repeat(64)
        );
        let found = parse(&text);
        assert_eq!(
            found,
            vec![
                Published {
                    seq: 12,
                    hash: h.clone()
                },
                Published {
                    seq: 7,
                    hash: "b".repeat(64)
                }
            ]
        );
        assert!(parse("nothing here").is_empty());
        assert_eq!(parse(&line(5, &h)).len(), 1);
    }

    #[test]
    fn compare_reports_rewrites_and_missing_entries() {
        let p = Published {
            seq: 4,
            hash: "a".repeat(64),
        };
        assert_eq!(compare(&p, Some(&"a".repeat(64))), None);
        assert!(compare(&p, Some(&"b".repeat(64))).is_some_and(|m| m.contains("改写")));
        assert!(compare(&p, None).is_some_and(|m| m.contains("不存在")));
        let genesis = Published {
            seq: 0,
            hash: "0".repeat(64),
        };
        assert_eq!(compare(&genesis, None), None);
    }
}
