//! Officers in a published list of enforcement certificates (执法证件 换发 / 注销 公示):
//! a name followed by a number in brackets of the same shape as the document's
//! 执法证号 (same length, same issuing prefix) is an officer's, as is a dotted name
//! (努尔兰·哈孜汗) before a badge, taken whole rather than by its last part; in a roster
//! whose header names a 执法证号 column (| 姓名 | 执法证号 |, or columns lined up with
//! spaces), the name column holds officers and the badge column badge numbers, never
//! phones (an 11-digit 执法证号 of 内蒙古 starts 150…).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::{han, re};

/// Numbers given as 执法证号 in the text.
fn badge_number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:执法证号|执法证件号|执法证编号)(?:码)?[：:\s]*([0-9]{8,14})(?:[^0-9]|$)",
    )
}

/// A number alone in brackets (（65020318011）).
fn bracketed_number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"[（(]([0-9]{8,14})[）)]")
}

/// A transliterated name with a middle dot at the end of `part` (its officer word
/// before it dropped: 执法人员艾尔肯·吐尔逊 → 艾尔肯·吐尔逊).
pub(crate) fn dotted_name(part: &str) -> Option<String> {
    let mut name = part;
    for w in crate::officers::OFFICER_WORDS {
        if let Some(r) = name.strip_prefix(w) {
            name = r;
        }
    }
    let n = name.chars().count();
    (name.contains('·')
        && !name.starts_with('·')
        && !name.ends_with('·')
        && !name.contains("··")
        && (3..=16).contains(&n)
        && name.chars().all(|c| c == '·' || han(c)))
    .then(|| name.to_string())
}

/// The cells of a roster line with their byte spans (the line starts at `at`): split
/// at │, | and ｜ in a drawn table, else at runs of two or more spaces.
fn cells(line: &str, at: usize) -> Vec<(usize, usize)> {
    let piped = line.contains(['│', '|', '｜']);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap = 0;
    let mut gap_start = 0;
    for (i, c) in line.char_indices() {
        let sep = if piped {
            matches!(c, '│' | '|' | '｜')
        } else {
            c == ' ' || c == '　' || c == '\t'
        };
        if sep {
            if gap == 0 {
                gap_start = i;
            }
            gap += 1;
            if piped || c == '\t' {
                gap = gap.max(2);
            }
            continue;
        }
        if gap >= 2 || start.is_none() {
            if let Some(st) = start {
                out.push((at + st, at + gap_start));
            }
            start = Some(i);
        }
        gap = 0;
    }
    if let Some(st) = start {
        let end = if gap > 0 { gap_start } else { line.len() };
        out.push((at + st, at + end));
    }
    out.into_iter()
        .map(|(a, b)| {
            let cell = &line[a - at..b - at];
            let t = cell.trim_matches([' ', '　', '\t']);
            let lead = cell.len() - cell.trim_start_matches([' ', '　', '\t']).len();
            (a + lead, a + lead + t.len())
        })
        .filter(|(a, b)| a < b)
        .collect()
}

/// A byte span of the text.
type Span = (usize, usize);

/// The rosters of `text`: for every row under a header that names a 执法证号 column,
/// the span of its badge cell and of its name cell (when the header has a 姓名 column).
pub(crate) fn roster_cells(text: &str) -> Vec<(Span, Option<Span>)> {
    let mut out = Vec::new();
    let mut columns: Option<(usize, Option<usize>, usize)> = None; // badge, name, count
    for (at, line) in crate::columns::lines_at(text) {
        let cs = cells(line, at);
        let words: Vec<&str> = cs.iter().map(|&(a, b)| &text[a..b]).collect();
        if let Some(badge) = words.iter().position(|w| w.contains("执法证")) {
            let name = words.iter().position(|w| w.contains("姓名"));
            columns = Some((badge, name, words.len()));
            continue;
        }
        let Some((badge, name, count)) = columns else {
            continue;
        };
        if line.trim().is_empty() {
            columns = None;
            continue;
        }
        // A rule line of a drawn table.
        if words
            .iter()
            .all(|w| w.chars().all(|c| "-—─━┼├┤+:：".contains(c)))
        {
            continue;
        }
        if words.len() != count {
            // A row of another shape ends the roster (a heading, a sentence).
            if !line.contains(['│', '|', '｜']) {
                columns = None;
            }
            continue;
        }
        let b = cs[badge];
        let v = &text[b.0..b.1];
        if !(8..=14).contains(&v.len()) || !v.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        out.push((b, name.map(|n| cs[n])));
    }
    out
}

/// Where the badge cells of the text's rosters start (in order), read once per text:
/// ask with `binary_search` whether a number is one.
pub(crate) fn roster_badges(text: &str) -> Vec<usize> {
    roster_cells(text).iter().map(|&((a, _), _)| a).collect()
}

/// Names listed with a bracketed number shaped like the document's 执法证号
/// (马成（65020318007）、赵明和（65020318011）).
pub(crate) fn listed_badge_holders(text: &str) -> Vec<String> {
    let roster = roster_cells(text);
    let mut out = Vec::new();
    for (_, name) in &roster {
        let Some((a, b)) = *name else { continue };
        let cell: String = text[a..b].chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(n) = dotted_name(&cell) {
            out.push(n);
        } else if (2..=6).contains(&cell.chars().count()) && cell.chars().all(han) {
            out.push(cell);
        }
    }
    let shapes: BTreeSet<(usize, &str)> = badge_number_re()
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .chain(roster.iter().map(|&((a, b), _)| &text[a..b]))
        .map(|v| (v.len(), &v[..6]))
        .collect();
    if shapes.is_empty() {
        return out;
    }
    for c in bracketed_number_re().captures_iter(text) {
        let (Some(whole), Some(num)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let v = num.as_str();
        if !shapes.contains(&(v.len(), &v[..6])) {
            continue;
        }
        let before = &text[..whole.start()];
        let run: String = before
            .chars()
            .rev()
            .take_while(|c| han(*c) || *c == '·')
            .take(17)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // The run stands alone: a list's separator, a space or the line's start before it.
        let head = &before[..before.len() - run.len()];
        let alone = head
            .chars()
            .next_back()
            .is_none_or(|c| "、，,：: 　\n.．;；".contains(c) || c.is_ascii_digit());
        if !alone {
            continue;
        }
        if let Some(n) = dotted_name(&run) {
            out.push(n);
        } else if (2..=4).contains(&run.chars().count()) && !run.contains('·') {
            out.push(run);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rosters() {
        let text = "| 序号 | 姓名 | 执法证号 | 类别 |\n|---|---|---|---|\n| 1 | 巴特尔 | 15090226001 | 市容 |\n\n\
                    序号  姓名      原执法证号       注销原因\n1     刘建国    15090212003      退休\n\n\
                    新申领：李明（15090226011）。";
        let o = listed_badge_holders(text);
        for n in ["巴特尔", "刘建国", "李明"] {
            assert!(o.contains(&n.to_string()), "{o:?}");
        }
        let s = text.find("15090226001").unwrap_or(0);
        assert!(roster_badges(text).binary_search(&s).is_ok());
    }

    #[test]
    fn bracketed_numbers_of_the_badge_shape() {
        let text = "王安  执法证号65020326004\n马成（65020318007）、古丽娜尔·艾山（65020318015）\n\
                    投诉人张三（13899512406）";
        let o = listed_badge_holders(text);
        assert!(o.contains(&"马成".to_string()), "{o:?}");
        assert!(o.contains(&"古丽娜尔·艾山".to_string()), "{o:?}");
        assert!(!o.iter().any(|n| n.contains("张三")), "{o:?}");
    }
}
