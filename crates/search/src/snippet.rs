//! Snippets: the text around the first match, the query words in `<b>`.

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An HTML snippet of about `width` characters around the first match, with every
/// occurrence of the query words in `<b>` (longest words first, no overlaps), the
/// text escaped. (tantivy's snippet generator panics on the overlapping tokens of
/// search-mode segmentation, and building it clones the dictionary per query.)
pub fn snippet(body: &str, words: &[String], width: usize) -> String {
    let chars: Vec<char> = body.chars().collect();
    let mut ws: Vec<Vec<char>> = words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().collect())
        .collect();
    ws.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let starts_at = |i: usize| ws.iter().find(|w| chars[i..].starts_with(w)).map(Vec::len);
    let first = (0..chars.len())
        .find(|i| starts_at(*i).is_some())
        .unwrap_or(0);
    let from = first.saturating_sub(width / 4);
    let to = (from + width).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut i = from;
    while i < to {
        match starts_at(i) {
            Some(n) => {
                let end = (i + n).min(chars.len());
                out.push_str("<b>");
                out.push_str(&escape(&chars[i..end].iter().collect::<String>()));
                out.push_str("</b>");
                i = end;
            }
            None => {
                out.push_str(&escape(&chars[i].to_string()));
                i += 1;
            }
        }
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_escape_and_highlight_without_overlap() {
        let w = vec![
            "违法建筑".to_string(),
            "违法".to_string(),
            "建筑".to_string(),
        ];
        assert_eq!(
            snippet("拆除<违法建筑>", &w, 50),
            "拆除&lt;<b>违法建筑</b>&gt;"
        );
        let long = format!("{}违法建筑{}", "甲".repeat(100), "乙".repeat(100));
        let s = snippet(&long, &w, 40);
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("<b>违法建筑</b>"));
    }
}
