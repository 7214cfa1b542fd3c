//! Officers in a published list of enforcement certificates (执法证件 换发 / 注销 公示):
//! a name followed by a number in brackets of the same shape as the document's
//! 执法证号 (same length, same issuing prefix) is an officer's, as is a dotted name
//! (努尔兰·哈孜汗) before a badge, taken whole rather than by its last part.

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

/// Names listed with a bracketed number shaped like the document's 执法证号
/// (马成（65020318007）、赵明和（65020318011）).
pub(crate) fn listed_badge_holders(text: &str) -> Vec<String> {
    let shapes: BTreeSet<(usize, &str)> = badge_number_re()
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| (m.as_str().len(), &m.as_str()[..6]))
        .collect();
    if shapes.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
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
    fn bracketed_numbers_of_the_badge_shape() {
        let text = "王安  执法证号65020326004\n马成（65020318007）、古丽娜尔·艾山（65020318015）\n\
                    投诉人张三（13899512406）";
        let o = listed_badge_holders(text);
        assert!(o.contains(&"马成".to_string()), "{o:?}");
        assert!(o.contains(&"古丽娜尔·艾山".to_string()), "{o:?}");
        assert!(!o.iter().any(|n| n.contains("张三")), "{o:?}");
    }
}
